/**
 * The overview of a big graph's edges (detail.ts: below CANVAS_EDGES_MIN_ZOOM, and off screen
 * above it): straight lines centre to centre, as cytoscape draws a big graph's haystack edges, in the
 * same colours and line styles (edge-look.ts), with the Find halo and the selected edge's halo.
 * Pure: the strokes to draw in model coordinates, and which edge a click hits. The canvas that draws
 * them is components/graph/edge-overview.ts.
 */
import type { ColorMode } from './display-params';
import { segmentCrossesBox, type Box } from './detail';
import { DASH_PATTERN, DOT_PATTERN, edgeLookOf, FOUND_HALO, SELECTED_EDGE_HALO, type EdgeColor, type EdgeLook } from './edge-look';
import type { EdgeElement } from './elements';
import type { Point } from './placement';

export type OverviewColors = Record<EdgeColor | 'accent', string>;

/** Lines drawn with one stroke: same colour, opacity, width and dashes. */
export interface StrokeBatch {
  color: string;
  alpha: number;
  /** Line width, model units. */
  width: number;
  dash: readonly number[];
  /** x1, y1, x2, y2 of each line, model coordinates. */
  coords: number[];
}

/**
 * Widths are batched to this step (model units, elements.ts gives 1–8): the overview draws at zooms
 * below CANVAS_EDGES_MIN_ZOOM, where a step is under 0.06 px on screen.
 */
export const WIDTH_STEP = 0.25;

const FOUND_CLASS = /(^| )found( |$)/;

type PositionOf = (id: string) => Point | undefined;

/**
 * The strokes for these edges, in drawing order: Find halos under everything, the lines, the selected
 * edge's halo on top. Edges with an end that has no position, or that do not cross `within` (the
 * view, model coordinates) when given, are left out.
 */
export function overviewStrokes(edges: readonly EdgeElement[], positionOf: PositionOf, colorBy: ColorMode, colors: OverviewColors, selected?: string, within?: Box): StrokeBatch[] {
  const halos = new Map<number, StrokeBatch>();
  // By look (one object per colour mode and key, edge-look.ts), then width: no key strings per edge.
  const lines = new Map<EdgeLook, Map<number, StrokeBatch>>();
  const top: StrokeBatch[] = [];
  const halo = (width: number, opacity: number): StrokeBatch => ({ color: colors.accent, alpha: opacity, width, dash: [], coords: [] });
  for (const e of edges) {
    const a = positionOf(e.data.source);
    const b = positionOf(e.data.target);
    if (!a || !b || (within && !segmentCrossesBox(a, b, within))) continue;
    const width = Math.max(WIDTH_STEP, Math.round(e.data.width / WIDTH_STEP) * WIDTH_STEP);
    if (FOUND_CLASS.test(e.classes)) {
      let found = halos.get(width);
      if (!found) halos.set(width, (found = halo(width + 2 * FOUND_HALO.padding, FOUND_HALO.opacity)));
      found.coords.push(a.x, a.y, b.x, b.y);
    }
    const look = edgeLookOf(colorBy, e.data);
    let byWidth = lines.get(look);
    if (!byWidth) lines.set(look, (byWidth = new Map()));
    let batch = byWidth.get(width);
    if (!batch) {
      batch = { color: colors[look.color], alpha: 1, width, dash: look.style === 'dashed' ? DASH_PATTERN : look.style === 'dotted' ? DOT_PATTERN : [], coords: [] };
      byWidth.set(width, batch);
    }
    batch.coords.push(a.x, a.y, b.x, b.y);
    if (e.data.id === selected) {
      const sel = halo(width + 2 * SELECTED_EDGE_HALO.padding, SELECTED_EDGE_HALO.opacity);
      sel.coords.push(a.x, a.y, b.x, b.y);
      top.push(sel);
    }
  }
  const out = [...halos.values()];
  for (const byWidth of lines.values()) out.push(...byWidth.values());
  return [...out, ...top];
}

/** Distance from p to the segment a–b. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * The edge a click at `p` (model coordinates) hits: the nearest one whose line, widened by
 * `tolerance` on each side, contains p. Undefined when none does.
 */
export function edgeAt(edges: readonly EdgeElement[], positionOf: PositionOf, p: Point, tolerance: number): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const e of edges) {
    const a = positionOf(e.data.source);
    const b = positionOf(e.data.target);
    if (!a || !b) continue;
    const d = distanceToSegment(p, a, b);
    if (d <= e.data.width / 2 + tolerance && d < bestDistance) {
      best = e.data.id;
      bestDistance = d;
    }
  }
  return best;
}
