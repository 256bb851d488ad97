/**
 * Fitting a big graph to the canvas from where its nodes are. cytoscape's fit() measures the box of
 * every node, namespace box included, and that box is thrown away by the style pass of the very
 * next frame: on a 1,000-workload graph that is 60–110 ms of the first paint spent twice. Node
 * centres are known without measuring anything; a margin around them stands for the nodes' own size,
 * their namespace box's padding and its title. Far out, as a fitted big graph is, that margin is a
 * few pixels on screen, so the view matches cytoscape's fit to within those pixels.
 */
import type { Point } from './placement';

/** Model pixels around the node centres: half the biggest node (38 px gateway, 4 px border), a namespace box's 14 px padding and its 11 px title. */
export const FIT_MARGIN = 48;

export interface Viewport {
  zoom: number;
  pan: Point;
}

export interface FitCanvas {
  width: number;
  height: number;
  /** Screen pixels kept free on each side. */
  padding: number;
  minZoom: number;
  maxZoom: number;
}

/** The zoom and pan that fit these centres (plus FIT_MARGIN) in the canvas, as cytoscape's fit would; undefined without centres. */
export function fitViewport(centres: readonly Point[], canvas: FitCanvas): Viewport | undefined {
  if (centres.length === 0) return undefined;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const p of centres) {
    if (p.x < x1) x1 = p.x;
    if (p.x > x2) x2 = p.x;
    if (p.y < y1) y1 = p.y;
    if (p.y > y2) y2 = p.y;
  }
  x1 -= FIT_MARGIN;
  y1 -= FIT_MARGIN;
  x2 += FIT_MARGIN;
  y2 += FIT_MARGIN;
  const fitted = Math.min((canvas.width - 2 * canvas.padding) / (x2 - x1), (canvas.height - 2 * canvas.padding) / (y2 - y1));
  if (!Number.isFinite(fitted) || fitted <= 0) return undefined;
  const zoom = Math.min(canvas.maxZoom, Math.max(canvas.minZoom, fitted));
  return { zoom, pan: { x: (canvas.width - zoom * (x1 + x2)) / 2, y: (canvas.height - zoom * (y1 + y2)) / 2 } };
}
