/**
 * Level of detail on big graphs. Cytoscape re-styles every element whose data or classes change, and
 * it measures every label and places every lock even when, zoomed far out, none of them can be seen
 * (a 9 px label is not drawn below its minimum zoomed size). On a graph with thousands of edges that
 * is most of the first paint and of each refresh. So, on big graphs only:
 *  - labels the current zoom would not draw are switched off: only elements with the class
 *    `with-label` get the text properties, and a refresh writes the new text of the others into the
 *    element's data without re-styling it (it is read when zooming in switches the label back on);
 *  - lock / partial / open markers exist on the canvas only at zooms where they are shown (they were
 *    hidden below MARKER_MIN_ZOOM before; now they are not created there);
 *  - zoomed in, edge labels and markers go to the edges near the visible part (detailArea): a pan
 *    that leaves it moves them along, so zooming in or refreshing costs what is on screen;
 *  - an edge's width is re-drawn when it changes by at least WIDTH_TOLERANCE px (a refresh moves most
 *    widths by a fraction of a pixel on the log scale);
 *  - direction arrows are drawn from ARROW_MIN_ZOOM: fitted to the canvas, a 1,000-workload graph sits
 *    at a zoom of ~0.07, where an arrow is a pixel or two on a line of the same width — invisible,
 *    yet a sixth of the first frame (its shape, its bounds and the texture work for 5,000 edges);
 *  - below CANVAS_EDGES_MIN_ZOOM the edges are not cytoscape elements at all: the overview
 *    (overview.ts, components/graph/edge-overview.ts) draws them as plain lines under the nodes.
 *    There they are lines without arrows, labels or markers anyway, and cytoscape's per-element work
 *    (style, bounds, caches, drawing one by one) was two thirds of a 1,000-workload graph's first
 *    render. From that zoom on, the edges that cross the area near the view are cytoscape elements
 *    again (clickable, with arrows, labels and locks as the zoom allows); the overview draws the rest,
 *    off screen or about to come into view.
 * Small graphs always get everything. Pure; the canvas applies it (components/graph/cy-sync.ts).
 */

/** Font sizes and minimum zoomed font sizes of the stylesheet (components/graph/graph-style.ts). */
export const NODE_FONT_PX = 11;
export const NODE_MIN_ZOOMED_FONT_PX = 5;
export const EDGE_FONT_PX = 9;
export const EDGE_MIN_ZOOMED_FONT_PX = 6;

/** Below this zoom the locks of a big graph are a pixel wide: not drawn. */
export const MARKER_MIN_ZOOM = 0.35;
/**
 * Below this zoom a big graph's direction arrows are not drawn: cytoscape makes an arrow at least
 * 29 px (× the stylesheet's arrow-scale, 0.6) long, so 4 px on screen here, less further out.
 */
export const ARROW_MIN_ZOOM = 0.25;
/** Below this zoom a big graph's edges are drawn by the overview, not by cytoscape (the zoom arrows start at). */
export const CANVAS_EDGES_MIN_ZOOM = ARROW_MIN_ZOOM;
/** Graphs with at most this many edges always get every label and marker. */
export const DETAIL_ALWAYS_UP_TO_EDGES = 300;
/** Width changes smaller than this (px, before zoom) keep the drawn width. */
export const WIDTH_TOLERANCE = 0.5;

export interface Detail {
  markers: boolean;
  nodeLabels: boolean;
  edgeLabels: boolean;
  arrows: boolean;
  /** Edges are cytoscape elements (those near the view, on a big graph); otherwise the overview draws them all. */
  canvasEdges: boolean;
}

export const FULL_DETAIL: Detail = Object.freeze({ markers: true, nodeLabels: true, edgeLabels: true, arrows: true, canvasEdges: true });
/** What a big graph starts with before its zoom is known (it is fitted to the canvas: far out). */
export const FAR_DETAIL: Detail = Object.freeze({ markers: false, nodeLabels: false, edgeLabels: false, arrows: false, canvasEdges: false });

export function isBigGraph(edgeCount: number): boolean {
  return edgeCount > DETAIL_ALWAYS_UP_TO_EDGES;
}

/**
 * What is drawn at this zoom: labels from the zoom cytoscape would draw them at, markers from
 * MARKER_MIN_ZOOM, arrows from ARROW_MIN_ZOOM, edges as cytoscape elements from CANVAS_EDGES_MIN_ZOOM.
 */
export function detailAt(zoom: number, edgeCount: number): Detail {
  if (!isBigGraph(edgeCount)) return FULL_DETAIL;
  return {
    markers: zoom >= MARKER_MIN_ZOOM,
    nodeLabels: NODE_FONT_PX * zoom >= NODE_MIN_ZOOMED_FONT_PX,
    edgeLabels: EDGE_FONT_PX * zoom >= EDGE_MIN_ZOOMED_FONT_PX,
    arrows: zoom >= ARROW_MIN_ZOOM,
    canvasEdges: zoom >= CANVAS_EDGES_MIN_ZOOM,
  };
}

export function sameDetail(a: Detail, b: Detail): boolean {
  return a.markers === b.markers && a.nodeLabels === b.nodeLabels && a.edgeLabels === b.edgeLabels && a.arrows === b.arrows && a.canvasEdges === b.canvasEdges;
}

/** The class of elements whose label is drawn (the stylesheet gives text properties to those only). */
export const LABEL_CLASS = 'with-label';
/** The class of edges whose direction arrow is drawn (big graphs' stylesheet; small graphs always draw it). */
export const ARROW_CLASS = 'with-arrow';

/**
 * The classes an element gets on the canvas at this level of detail (boxes always show their label);
 * LABEL_CLASS comes last. `inArea`: an edge (or its marker) lies near the visible part of a big
 * graph; only those get labels.
 */
export function detailClasses(classes: string, group: 'nodes' | 'edges', kind: string | undefined, d: Detail, inArea = true): string {
  const on = group === 'edges' || kind === 'marker' ? d.edgeLabels && inArea : kind === 'node' ? d.nodeLabels : false;
  const withArrow = group === 'edges' && d.arrows ? `${classes} ${ARROW_CLASS}` : classes;
  return on ? `${withArrow} ${LABEL_CLASS}` : withArrow;
}

export interface Box { x1: number; y1: number; x2: number; y2: number }

/**
 * The part of a big graph whose edges are cytoscape elements (those that cross it) and get labels and
 * markers (those whose middle is inside): the visible extent and half of it again on every side (a
 * small pan needs nothing new). Undefined when the graph is small (everything) or the zoom is below
 * CANVAS_EDGES_MIN_ZOOM (the overview draws every edge).
 */
export function detailArea(extent: Box, d: Detail, edgeCount: number): Box | undefined {
  if (!isBigGraph(edgeCount) || !d.canvasEdges) return undefined;
  const mx = (extent.x2 - extent.x1) / 2;
  const my = (extent.y2 - extent.y1) / 2;
  return { x1: extent.x1 - mx, y1: extent.y1 - my, x2: extent.x2 + mx, y2: extent.y2 + my };
}

/** Whether the segment a–b has a point inside the box (Liang–Barsky clipping; runs per edge per frame, so no arrays). */
export function segmentCrossesBox(a: { x: number; y: number }, b: { x: number; y: number }, box: Box): boolean {
  const inside = (p: { x: number; y: number }) => p.x >= box.x1 && p.x <= box.x2 && p.y >= box.y1 && p.y <= box.y2;
  if (inside(a) || inside(b)) return true;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  // Each side keeps the part of the segment where p·t ≤ q.
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q >= 0; // parallel to the side: inside it or not at all
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    return t0 <= t1;
  };
  return clip(-dx, a.x - box.x1) && clip(dx, box.x2 - a.x) && clip(-dy, a.y - box.y1) && clip(dy, box.y2 - a.y);
}

type Place = { x: number; y: number } | undefined;

/**
 * Whether an edge is a cytoscape element at this level of detail (else the overview draws it): all of
 * a small graph's, none far out, those crossing `area` in between. `ends` (its ends' places) is asked
 * only in between; an end not placed yet counts as inside.
 */
export function edgeOnCanvas(d: Detail, area: Box | undefined, ends: () => readonly [Place, Place]): boolean {
  if (!d.canvasEdges) return false;
  if (!area) return true;
  const [a, b] = ends();
  return !a || !b || segmentCrossesBox(a, b, area);
}

export function boxContains(outer: Box, inner: Box): boolean {
  return inner.x1 >= outer.x1 && inner.y1 >= outer.y1 && inner.x2 <= outer.x2 && inner.y2 <= outer.y2;
}

export interface DataPatch {
  /** Fields to set with re-styling (they change what is drawn); undefined when none. */
  restyle?: Record<string, unknown>;
  /** Fields to set without re-styling (not drawn at this level of detail); undefined when none. */
  silent?: Record<string, unknown>;
  /** The data the canvas holds afterwards (a kept width stays the old one). */
  applied: Record<string, unknown>;
}

/**
 * What to change of an element's data. `labelDrawn`: its label is on (a changed label re-styles);
 * otherwise the label is written silently. `tolerateWidth`: keep widths within WIDTH_TOLERANCE.
 */
export function dataPatch(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  opts: { labelDrawn: boolean; tolerateWidth: boolean; ignore?: ReadonlySet<string> },
): DataPatch {
  let restyle: Record<string, unknown> | undefined;
  let silent: Record<string, unknown> | undefined;
  let keptWidth: unknown;
  const change = (k: string, was: unknown, now: unknown) => {
    if (k === 'width' && opts.tolerateWidth && typeof was === 'number' && typeof now === 'number' && Math.abs(now - was) < WIDTH_TOLERANCE) {
      keptWidth = was;
      return;
    }
    if (k === 'label' && !opts.labelDrawn) (silent ??= {})[k] = now;
    else (restyle ??= {})[k] = now;
  };
  // Plain loops: this runs for every element of a big graph on every refresh.
  for (const k in after) {
    if (opts.ignore?.has(k)) continue;
    const was = before[k];
    const now = after[k];
    if (was !== now) change(k, was, now);
  }
  for (const k in before) {
    if (opts.ignore?.has(k) || k in after) continue;
    if (before[k] !== undefined) change(k, before[k], undefined);
  }
  let applied = after as Record<string, unknown>;
  if (keptWidth !== undefined) applied = { ...after, width: keptWidth };
  return { ...(restyle ? { restyle } : {}), ...(silent ? { silent } : {}), applied };
}
