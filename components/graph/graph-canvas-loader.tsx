'use client';
/** cytoscape needs `window`: the canvas is loaded on the client only. */
import dynamic from 'next/dynamic';

const loadCanvas = () => import('./graph-canvas').then((m) => m.GraphCanvas);

// The canvas module (cytoscape) starts loading as soon as the page's scripts run, beside the graph's
// data, rather than when the first answer is rendered.
if (typeof window !== 'undefined') void loadCanvas();

export const GraphCanvasLazy = dynamic(loadCanvas, {
  ssr: false,
  loading: () => <div className="graph-canvas graph-canvas--loading muted">Loading the graph view…</div>,
});
