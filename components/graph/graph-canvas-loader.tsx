'use client';
/** cytoscape needs `window`: the canvas is loaded on the client only. */
import dynamic from 'next/dynamic';

export const GraphCanvasLazy = dynamic(() => import('./graph-canvas').then((m) => m.GraphCanvas), {
  ssr: false,
  loading: () => <div className="graph-canvas graph-canvas--loading muted">Loading the graph view…</div>,
});
