import cytoscape, { type Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { ARROW_MIN_ZOOM, detailAt, DETAIL_ALWAYS_UP_TO_EDGES, FULL_DETAIL, type Detail } from '@/lib/graph/detail';
import { toElements } from '@/lib/graph/elements';
import { tedge, tnode } from '@/lib/graph/test-graph';
import type { Graph } from '@/lib/graph/types';
import { syncElements, type SyncState } from './cy-sync';
import { buildStylesheet, readColors } from './graph-style';

/** A ring of `n` workloads, each calling the next two: 2n edges, all mTLS. */
function ring(n: number, rps = 1): Graph {
  const id = (i: number) => `wl:ns:svc-${i % n}-v1`;
  const nodes = Array.from({ length: n }, (_, i) => tnode(id(i)));
  const edges = nodes.flatMap((_, i) => [tedge(id(i), id(i + 1), { rps: rps * (1 + i) }), tedge(id(i), id(i + 2), { rps: rps * (2 + i) })]);
  return { nodes, edges };
}

const opts = { edgeLabels: 'rps' as const, security: true, namespaceBoxes: false, appBoxes: false };
const fresh = (): SyncState => ({ memory: new Map(), applied: new Map() });
const headless = (): Core => cytoscape({ headless: true, styleEnabled: true });

describe('syncElements', () => {
  it('a small graph gets its markers and labels whatever the detail says', () => {
    const cy = headless();
    const els = toElements(ring(10), opts);
    syncElements(cy, els, fresh(), 'grid', detailAt(0.05, els.edges.length));
    expect(cy.nodes('.marker')).toHaveLength(20);
    expect(cy.elements('.with-label')).toHaveLength(cy.elements().length);
  });

  it('a big graph zoomed far out: edges left to the overview, no markers, labels off; zooming in adds edges and markers and turns labels on', () => {
    const cy = headless();
    const g = ring(DETAIL_ALWAYS_UP_TO_EDGES);
    const els = toElements(g, opts);
    expect(els.edges.length).toBeGreaterThan(DETAIL_ALWAYS_UP_TO_EDGES);
    const state = fresh();
    const far = syncElements(cy, els, state, 'grid', detailAt(0.05, els.edges.length));
    expect(cy.nodes('[kind="node"]')).toHaveLength(g.nodes.length);
    expect(cy.edges()).toHaveLength(0);
    expect(far.overview.map((e) => e.data.id)).toEqual(els.edges.map((e) => e.data.id));
    expect(cy.nodes('.marker')).toHaveLength(0);
    expect(cy.elements('.with-label')).toHaveLength(0);

    const before = cy.nodes('[kind="node"]').map((n) => ({ ...n.position() }));
    const r = syncElements(cy, els, state, 'grid', FULL_DETAIL);
    expect(r.laidOut).toBe(false);
    expect(r.overview).toEqual([]);
    expect(cy.edges()).toHaveLength(g.edges.length);
    expect(cy.nodes('[kind="node"]').map((n) => ({ ...n.position() }))).toEqual(before);
    expect(cy.nodes('.marker')).toHaveLength(g.edges.length);
    expect(cy.elements('.with-label')).toHaveLength(cy.elements().length);
    const e = cy.getElementById(els.edges[0]!.data.id);
    const m = cy.getElementById(`sec:${e.id()}`);
    const s = e.source().position();
    const t = e.target().position();
    expect(m.position()).toEqual({ x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 });
    expect(m.classes()).toContain('marker-mtls');

    // Zooming out again drops them, and hands the edges back to the overview.
    const out = syncElements(cy, els, state, 'grid', detailAt(0.05, els.edges.length));
    expect(cy.nodes('.marker')).toHaveLength(0);
    expect(cy.edges()).toHaveLength(0);
    expect(out.overview).toHaveLength(g.edges.length);
  });

  it('lays a big graph out with the edges the overview draws (they shape the layout as much)', () => {
    // A binary tree of 351 workloads: 350 edges, a big graph.
    const id = (i: number) => `wl:ns:svc-${i}-v1`;
    const nodes = Array.from({ length: DETAIL_ALWAYS_UP_TO_EDGES + 51 }, (_, i) => tnode(id(i)));
    const els = toElements({ nodes, edges: nodes.slice(1).map((_, i) => tedge(id(Math.floor(i / 2)), id(i + 1))) }, opts);
    expect(els.edges.length).toBeGreaterThan(DETAIL_ALWAYS_UP_TO_EDGES);
    const positions = (detail: Detail) => {
      const cy = headless();
      syncElements(cy, els, fresh(), 'breadthfirst', detail);
      return cy.nodes('[kind="node"]').map((n) => ({ ...n.position() }));
    };
    // breadthfirst places nodes by the edges: with the edges on the canvas or not, the same places.
    const far = positions(detailAt(0.05, els.edges.length));
    expect(far).toEqual(positions({ ...detailAt(0.05, els.edges.length), canvasEdges: true }));
    expect(new Set(far.map((p) => p.y)).size).toBe(9); // it did follow the edges: the tree's nine levels
  });

  it('a big graph draws its direction arrows from ARROW_MIN_ZOOM on; a small one always', () => {
    const styled = (large: boolean) => cytoscape({ headless: true, styleEnabled: true, style: buildStylesheet(readColors(), 'health', large) as never });
    const arrows = (cy: Core) => [...new Set(cy.edges().map((e) => `${e.style('mid-target-arrow-shape')}/${e.style('target-arrow-shape')}`))];
    const big = toElements(ring(DETAIL_ALWAYS_UP_TO_EDGES), opts);
    const cy = styled(true);
    const state = fresh();
    // Below ARROW_MIN_ZOOM the edges are the overview's: no arrow anywhere.
    syncElements(cy, big, state, 'grid', detailAt(ARROW_MIN_ZOOM / 2, big.edges.length));
    expect(arrows(cy)).toEqual([]);
    syncElements(cy, big, state, 'grid', { ...detailAt(ARROW_MIN_ZOOM / 2, big.edges.length), canvasEdges: true });
    expect(arrows(cy)).toEqual(['none/none']);
    syncElements(cy, big, state, 'grid', detailAt(ARROW_MIN_ZOOM, big.edges.length));
    expect(arrows(cy)).toEqual(['triangle/none']);
    // Where it is drawn, an arrow is ≥ 4 px on screen: cytoscape makes it at least 29 px × the stylesheet's arrow-scale.
    expect(29 * Number(cy.edges()[0]!.style('arrow-scale')) * ARROW_MIN_ZOOM).toBeGreaterThanOrEqual(4);
    // Zoomed in far enough for labels, labelled edges turn straight with the arrow at the target.
    syncElements(cy, big, state, 'grid', FULL_DETAIL);
    expect(arrows(cy)).toEqual(['none/triangle']);
    syncElements(cy, big, state, 'grid', { ...detailAt(ARROW_MIN_ZOOM / 2, big.edges.length), canvasEdges: true });
    expect(arrows(cy)).toEqual(['none/none']);

    const small = toElements(ring(10), opts);
    const smallCy = styled(false);
    syncElements(smallCy, small, fresh(), 'grid', detailAt(ARROW_MIN_ZOOM / 2, small.edges.length));
    expect(arrows(smallCy)).toEqual(['none/triangle']);
  });

  it('a refresh zoomed far out writes new labels without re-styling; labels come back with the new text', () => {
    const cy = headless();
    // Far-out classes with the edges on the canvas (the zoom between arrows and labels, on a wider graph).
    const far = { ...detailAt(0.05, 1000), canvasEdges: true };
    const state = fresh();
    syncElements(cy, toElements(ring(DETAIL_ALWAYS_UP_TO_EDGES), opts), state, 'grid', far);
    const next = toElements(ring(DETAIL_ALWAYS_UP_TO_EDGES, 1.5), opts);
    let styled = 0;
    cy.on('style', () => { styled++; });
    const r = syncElements(cy, next, state, 'grid', far);
    const id = next.edges[0]!.data.id;
    expect(cy.getElementById(id).data('label')).toBe(next.edges[0]!.data.label);
    expect(r.updated).toBeGreaterThan(0);
    // Widths moved by less than the tolerance: only labels changed, and those silently.
    expect(styled).toBe(0);
    // Far out for real, the refresh hands the new edges to the overview and styles nothing.
    const overview = syncElements(cy, toElements(ring(DETAIL_ALWAYS_UP_TO_EDGES, 1.7), opts), state, 'grid', detailAt(0.05, 1000)).overview;
    expect(overview.find((e) => e.data.id === id)?.data.label).toBe(toElements(ring(DETAIL_ALWAYS_UP_TO_EDGES, 1.7), opts).edges[0]!.data.label);

    syncElements(cy, next, state, 'grid', FULL_DETAIL);
    expect(cy.getElementById(id).hasClass('with-label')).toBe(true);
    expect(cy.getElementById(id).data('label')).toBe(next.edges[0]!.data.label);
  });

  it('a drawn label change re-styles the edge; health changes always do', () => {
    const cy = headless();
    const state = fresh();
    const g = ring(10);
    syncElements(cy, toElements(g, opts), state, 'grid', FULL_DETAIL);
    const changed: Graph = { nodes: g.nodes, edges: g.edges.map((e, i) => (i === 0 ? { ...e, rps: 7, health: 'failing' } : e)) };
    const styled: string[] = [];
    cy.on('style', 'edge', (ev) => { styled.push(ev.target.id()); });
    const next = toElements(changed, opts);
    syncElements(cy, next, state, 'grid', FULL_DETAIL);
    const e = cy.getElementById(g.edges[0]!.id);
    expect(e.data('label')).toBe(next.edges[0]!.data.label);
    expect(e.data('label')).not.toBe(toElements(g, opts).edges[0]!.data.label);
    expect(e.hasClass('health-failing')).toBe(true);
    expect(new Set(styled)).toEqual(new Set([g.edges[0]!.id]));
  });

  it('zoomed in on a big graph: edges crossing the area on the canvas, labels and markers on those whose middle is in it; moving the area moves them', () => {
    const cy = headless();
    const g = ring(DETAIL_ALWAYS_UP_TO_EDGES);
    const els = toElements(g, opts);
    const state = fresh();
    syncElements(cy, els, state, 'grid', detailAt(0.05, els.edges.length));
    const at = (id: string) => cy.getElementById(id).position();
    const ends = (e: (typeof els.edges)[number]) => [at(e.data.source).x, at(e.data.target).x] as const;
    const mid = (e: (typeof els.edges)[number]) => (ends(e)[0] + ends(e)[1]) / 2;
    const xs = els.edges.map(mid).sort((a, b) => a - b);
    const cut = xs[Math.floor(xs.length / 2)]!;
    const ids = (list: typeof els.edges) => list.map((e) => e.data.id).sort();
    const crossingLeft = ids(els.edges.filter((e) => Math.min(...ends(e)) <= cut));
    const middleLeft = ids(els.edges.filter((e) => mid(e) <= cut));
    expect(middleLeft.length).toBeGreaterThan(0);
    expect(crossingLeft.length).toBeGreaterThan(middleLeft.length);
    expect(crossingLeft.length).toBeLessThan(els.edges.length);

    const left = { x1: -1e9, y1: -1e9, x2: cut, y2: 1e9 };
    const r = syncElements(cy, els, state, 'grid', FULL_DETAIL, left);
    expect(cy.edges().map((e) => e.id()).sort()).toEqual(crossingLeft);
    expect(ids(r.overview)).toEqual(ids(els.edges.filter((e) => !crossingLeft.includes(e.data.id))));
    expect(cy.edges('.with-label').map((e) => e.id()).sort()).toEqual(middleLeft);
    expect(cy.nodes('.marker').map((m) => m.data('edge') as string).sort()).toEqual(middleLeft);
    // Nodes keep their labels everywhere (a thousand of them are cheap).
    expect(cy.nodes('[kind="node"].with-label')).toHaveLength(g.nodes.length);

    // A refresh: labels of canvas edges outside the middle area are written without re-styling;
    // inside they re-style; the overview gets the new labels of the others.
    const next = toElements(ring(DETAIL_ALWAYS_UP_TO_EDGES, 1.5), opts);
    const styled = new Set<string>();
    cy.on('style', 'edge', (ev) => { styled.add(ev.target.id()); });
    const refreshed = syncElements(cy, next, state, 'grid', FULL_DETAIL, left);
    const labels = new Map([...cy.edges().map((e) => [e.id(), e.data('label')] as const), ...refreshed.overview.map((e) => [e.data.id, e.data.label] as const)]);
    for (const e of next.edges) expect(labels.get(e.data.id)).toBe(e.data.label);
    expect([...styled].sort()).toEqual(middleLeft);

    // Panning right: the other half gets them, with the labels of the last refresh.
    syncElements(cy, next, state, 'grid', FULL_DETAIL, { x1: cut + 1e-9, y1: -1e9, x2: 1e9, y2: 1e9 });
    expect(cy.edges().map((e) => e.id()).sort()).toEqual(ids(els.edges.filter((e) => Math.max(...ends(e)) > cut)));
    expect(cy.edges('.with-label').length).toBe(els.edges.length - middleLeft.length);
    expect(cy.nodes('.marker').length).toBe(els.edges.length - middleLeft.length);
  });

  it('boxes switched on, nested and off again: every node ends in the box its definition names', () => {
    // Two namespaces; reviews has two versions (an app box), the others one.
    const g: Graph = {
      nodes: [tnode('vapp:a:productpage:v1'), tnode('vapp:a:reviews:v1'), tnode('vapp:a:reviews:v2'), tnode('vapp:b:ratings:v1')],
      edges: [tedge('vapp:a:productpage:v1', 'vapp:a:reviews:v1'), tedge('vapp:a:productpage:v1', 'vapp:a:reviews:v2'), tedge('vapp:a:reviews:v2', 'vapp:b:ratings:v1')],
    };
    const cy = headless();
    const state = fresh();
    const parents = () => Object.fromEntries(cy.nodes('[kind="node"]').map((n) => [n.id(), n.parent().first().id() ?? null]));
    const sync = (namespaceBoxes: boolean, appBoxes: boolean) => syncElements(cy, toElements(g, { ...opts, namespaceBoxes, appBoxes }), state, 'grid');

    sync(false, false);
    expect(Object.values(parents()).every((p) => p === null)).toBe(true);
    sync(true, false);
    expect(parents()).toEqual({ 'vapp:a:productpage:v1': 'box:ns:a', 'vapp:a:reviews:v1': 'box:ns:a', 'vapp:a:reviews:v2': 'box:ns:a', 'vapp:b:ratings:v1': 'box:ns:b' });
    sync(true, true);
    expect(parents()).toEqual({ 'vapp:a:productpage:v1': 'box:ns:a', 'vapp:a:reviews:v1': 'box:app:a:reviews', 'vapp:a:reviews:v2': 'box:app:a:reviews', 'vapp:b:ratings:v1': 'box:ns:b' });
    expect(cy.getElementById('box:app:a:reviews').parent().first().id()).toBe('box:ns:a');
    sync(false, false);
    expect(Object.values(parents()).every((p) => p === null)).toBe(true);
    expect(cy.nodes('[kind="box"]')).toHaveLength(0);
    expect(cy.nodes('[kind="node"]')).toHaveLength(4);
  });
});
