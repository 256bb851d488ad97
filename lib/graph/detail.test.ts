import { describe, expect, it } from 'vitest';
import {
  ARROW_CLASS, ARROW_MIN_ZOOM, CANVAS_EDGES_MIN_ZOOM, DETAIL_ALWAYS_UP_TO_EDGES, EDGE_FONT_PX, EDGE_MIN_ZOOMED_FONT_PX, FULL_DETAIL, MARKER_MIN_ZOOM, NODE_FONT_PX,
  NODE_MIN_ZOOMED_FONT_PX, LABEL_CLASS, WIDTH_TOLERANCE, boxContains, dataPatch, detailArea, detailAt, detailClasses, edgeOnCanvas, sameDetail,
  segmentCrossesBox,
} from './detail';

const big = DETAIL_ALWAYS_UP_TO_EDGES + 1;

describe('detailAt', () => {
  it('small graphs get every label and marker at any zoom', () => {
    expect(detailAt(0.05, DETAIL_ALWAYS_UP_TO_EDGES)).toEqual(FULL_DETAIL);
  });
  it('big graphs: labels from the zoom cytoscape would draw them at, markers from MARKER_MIN_ZOOM', () => {
    expect(detailAt(0.05, big)).toEqual({ markers: false, nodeLabels: false, edgeLabels: false, arrows: false, canvasEdges: false });
    const edgeZoom = EDGE_MIN_ZOOMED_FONT_PX / EDGE_FONT_PX;
    const nodeZoom = NODE_MIN_ZOOMED_FONT_PX / NODE_FONT_PX;
    expect(detailAt(MARKER_MIN_ZOOM, big)).toEqual({ markers: true, nodeLabels: MARKER_MIN_ZOOM >= nodeZoom, edgeLabels: false, arrows: true, canvasEdges: true });
    expect(detailAt(nodeZoom + 0.001, big)).toMatchObject({ markers: true, nodeLabels: true, edgeLabels: false });
    expect(detailAt(edgeZoom + 0.001, big)).toEqual(FULL_DETAIL);
    expect(detailAt(edgeZoom - 0.001, big).edgeLabels).toBe(false);
  });
  it('big graphs: arrows from ARROW_MIN_ZOOM (a fitted 1,000-workload graph, ~0.07, has none)', () => {
    expect(detailAt(ARROW_MIN_ZOOM, big).arrows).toBe(true);
    expect(detailAt(ARROW_MIN_ZOOM - 0.001, big).arrows).toBe(false);
    expect(detailAt(0.07, big).arrows).toBe(false);
  });
  it('big graphs: edges are cytoscape elements from CANVAS_EDGES_MIN_ZOOM, drawn by the overview below it', () => {
    expect(detailAt(CANVAS_EDGES_MIN_ZOOM, big).canvasEdges).toBe(true);
    expect(detailAt(CANVAS_EDGES_MIN_ZOOM - 0.001, big).canvasEdges).toBe(false);
    expect(detailAt(0.07, big).canvasEdges).toBe(false);
    expect(detailAt(0.01, DETAIL_ALWAYS_UP_TO_EDGES).canvasEdges).toBe(true);
    // Far out there is nothing of an edge the overview cannot draw: no arrow, label or marker.
    const below = detailAt(CANVAS_EDGES_MIN_ZOOM - 0.001, big);
    expect([below.arrows, below.edgeLabels, below.markers]).toEqual([false, false, false]);
  });
  it('sameDetail compares the five switches', () => {
    expect(sameDetail(detailAt(1, big), FULL_DETAIL)).toBe(true);
    expect(sameDetail(detailAt(0.05, big), FULL_DETAIL)).toBe(false);
    expect(sameDetail(detailAt(ARROW_MIN_ZOOM, big), detailAt(ARROW_MIN_ZOOM - 0.001, big))).toBe(false);
    expect(sameDetail({ ...FULL_DETAIL, canvasEdges: false }, FULL_DETAIL)).toBe(false);
  });
});

describe('detailClasses', () => {
  const far = detailAt(0.05, big);
  it('marks the elements whose label the zoom draws; boxes are styled on their own', () => {
    expect(detailClasses('health-healthy', 'edges', undefined, far)).toBe('health-healthy');
    expect(detailClasses('type-workload', 'nodes', 'node', far)).toBe('type-workload');
    expect(detailClasses('health-healthy', 'edges', undefined, FULL_DETAIL)).toBe(`health-healthy ${ARROW_CLASS} ${LABEL_CLASS}`);
    expect(detailClasses('health-healthy', 'edges', undefined, FULL_DETAIL, false)).toBe(`health-healthy ${ARROW_CLASS}`);
    expect(detailClasses('health-healthy', 'edges', undefined, detailAt(ARROW_MIN_ZOOM, big))).toBe(`health-healthy ${ARROW_CLASS}`);
    expect(detailClasses('type-workload', 'nodes', 'node', FULL_DETAIL)).toBe(`type-workload ${LABEL_CLASS}`);
    expect(detailClasses('marker marker-partial', 'nodes', 'marker', FULL_DETAIL)).toBe(`marker marker-partial ${LABEL_CLASS}`);
    expect(detailClasses('box box-namespace', 'nodes', 'box', FULL_DETAIL)).toBe('box box-namespace');
  });
});

describe('dataPatch', () => {
  const before = { id: 'e', label: '1.0 rps', width: 3, health: 'healthy' };
  it('nothing changed: nothing to set', () => {
    const p = dataPatch(before, { ...before }, { labelDrawn: true, tolerateWidth: true });
    expect(p.restyle).toBeUndefined();
    expect(p.silent).toBeUndefined();
  });
  it('a drawn label re-styles; a label not drawn is written silently', () => {
    expect(dataPatch(before, { ...before, label: '2.0 rps' }, { labelDrawn: true, tolerateWidth: false }).restyle).toEqual({ label: '2.0 rps' });
    const silent = dataPatch(before, { ...before, label: '2.0 rps' }, { labelDrawn: false, tolerateWidth: false });
    expect(silent.restyle).toBeUndefined();
    expect(silent.silent).toEqual({ label: '2.0 rps' });
    expect(silent.applied.label).toBe('2.0 rps');
  });
  it('widths within the tolerance keep the drawn width; bigger moves and other fields re-style', () => {
    const small = dataPatch(before, { ...before, width: 3 + WIDTH_TOLERANCE / 2 }, { labelDrawn: true, tolerateWidth: true });
    expect(small.restyle).toBeUndefined();
    expect(small.applied.width).toBe(3);
    // Drift is measured from the drawn width, so small steps add up to a redraw.
    const drift = dataPatch(small.applied, { ...before, width: 3 + WIDTH_TOLERANCE }, { labelDrawn: true, tolerateWidth: true });
    expect(drift.restyle).toEqual({ width: 3 + WIDTH_TOLERANCE });
    expect(dataPatch(before, { ...before, width: 3.1 }, { labelDrawn: true, tolerateWidth: false }).restyle).toEqual({ width: 3.1 });
    expect(dataPatch(before, { ...before, health: 'failing' }, { labelDrawn: false, tolerateWidth: true }).restyle).toEqual({ health: 'failing' });
  });
  it('a field that went away is cleared', () => {
    expect(dataPatch(before, { id: 'e', label: '1.0 rps', width: 3 }, { labelDrawn: true, tolerateWidth: true }).restyle).toEqual({ health: undefined });
  });
});

describe('detailArea', () => {
  const extent = { x1: 0, y1: 0, x2: 100, y2: 50 };
  it('big graphs with edges on the canvas: the view and half of it again on every side; otherwise none', () => {
    expect(detailArea(extent, FULL_DETAIL, big)).toEqual({ x1: -50, y1: -25, x2: 150, y2: 75 });
    expect(detailArea(extent, detailAt(CANVAS_EDGES_MIN_ZOOM, big), big)).toEqual({ x1: -50, y1: -25, x2: 150, y2: 75 });
    expect(detailArea(extent, FULL_DETAIL, DETAIL_ALWAYS_UP_TO_EDGES)).toBeUndefined();
    expect(detailArea(extent, detailAt(0.05, big), big)).toBeUndefined();
  });
  it('boxContains', () => {
    expect(boxContains({ x1: -50, y1: -25, x2: 150, y2: 75 }, extent)).toBe(true);
    expect(boxContains(extent, { x1: -1, y1: 0, x2: 10, y2: 10 })).toBe(false);
  });
});

describe('segmentCrossesBox / edgeOnCanvas', () => {
  const box = { x1: 0, y1: 0, x2: 100, y2: 50 };
  const p = (x: number, y: number) => ({ x, y });
  it('a segment with a point in the box crosses it; one that passes by does not', () => {
    expect(segmentCrossesBox(p(10, 10), p(20, 20), box)).toBe(true); // inside
    expect(segmentCrossesBox(p(-50, 25), p(150, 25), box)).toBe(true); // through, both ends out
    expect(segmentCrossesBox(p(50, -10), p(50, 10), box)).toBe(true); // one end in
    expect(segmentCrossesBox(p(-10, -10), p(0, 0), box)).toBe(true); // touches a corner
    expect(segmentCrossesBox(p(-10, 60), p(110, 60), box)).toBe(false); // below, parallel
    // Lines y = x + c past the corner (0, 50): c = 51 misses it, c = 50 touches it, c = 49 cuts it.
    expect(segmentCrossesBox(p(-20, 31), p(30, 81), box)).toBe(false);
    expect(segmentCrossesBox(p(-20, 30), p(30, 80), box)).toBe(true);
    expect(segmentCrossesBox(p(-20, 29), p(30, 79), box)).toBe(true);
    expect(segmentCrossesBox(p(120, 0), p(200, 50), box)).toBe(false); // right of it
    expect(segmentCrossesBox(p(40, 40), p(40, 40), box)).toBe(true); // a point inside
    expect(segmentCrossesBox(p(140, 40), p(140, 40), box)).toBe(false); // a point outside
  });
  it('edges: all of a small graph, none far out, those crossing the area in between', () => {
    const near = detailAt(CANVAS_EDGES_MIN_ZOOM, big);
    const far = detailAt(0.05, big);
    expect(edgeOnCanvas(FULL_DETAIL, undefined, () => [p(1e6, 1e6), p(2e6, 2e6)])).toBe(true);
    expect(edgeOnCanvas(far, undefined, () => [p(10, 10), p(20, 20)])).toBe(false);
    expect(edgeOnCanvas(near, box, () => [p(10, 10), p(500, 500)])).toBe(true);
    expect(edgeOnCanvas(near, box, () => [p(500, 10), p(500, 500)])).toBe(false);
    expect(edgeOnCanvas(near, box, () => [undefined, p(500, 500)])).toBe(true); // an end not placed yet
  });
});
