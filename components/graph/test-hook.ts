/**
 * A read-only view of the cytoscape model for browser tests and benchmarks: window.__meshscopeGraph.
 * Returns copies; nothing here can change the graph.
 */
import type { Core } from 'cytoscape';
import { viewportShortcuts, type ViewportShortcuts } from './cy-sync';

export interface HookNode {
  id: string;
  kind: string;
  label: string;
  classes: string[];
  data: Record<string, unknown>;
  position: { x: number; y: number };
  /** Position on screen, relative to the canvas container (for clicks in tests). */
  rendered: { x: number; y: number };
  parent?: string;
}

export interface HookEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  classes: string[];
  data: Record<string, unknown>;
}

export interface GraphTestHook {
  /** Cheap: element counts without copying (for polling). */
  counts(): { nodes: number; edges: number; markers: number };
  /** Cheap: one edge's label. */
  edgeLabel(id: string): string | undefined;
  nodes(): HookNode[];
  edges(): HookEdge[];
  markers(): HookNode[];
  zoom(): number;
  /**
   * performance.now() just after each of the last 50 frames cytoscape drew was painted (a message
   * posted while drawing is handled once the frame is rendered), oldest first.
   */
  paintedFrames(): number[];
  /** The renderer's viewport shortcuts as they stand (big graphs hide edges / pan a bitmap while moving). */
  viewportShortcuts(): ViewportShortcuts;
}

declare global {
  interface Window {
    __meshscopeGraph?: GraphTestHook;
  }
}

export function installTestHook(cy: Core): () => void {
  const painted: number[] = [];
  const afterPaint = new MessageChannel();
  afterPaint.port1.onmessage = () => {
    painted.push(performance.now());
    if (painted.length > 50) painted.shift();
  };
  const onFrame = () => afterPaint.port2.postMessage(0);
  cy.on('render', onFrame);
  const node = (n: cytoscape.NodeSingular): HookNode => {
    const parent = n.parent().first();
    return {
      id: n.id(),
      kind: String(n.data('kind')),
      label: String(n.data('label') ?? ''),
      classes: [...n.classes()],
      data: JSON.parse(JSON.stringify(n.data())) as Record<string, unknown>,
      position: { ...n.position() },
      rendered: { ...n.renderedPosition() },
      ...(parent.nonempty() ? { parent: parent.id() } : {}),
    };
  };
  const hook: GraphTestHook = Object.freeze({
    counts: () => ({ nodes: cy.nodes('[kind="node"]').length, edges: cy.edges().length, markers: cy.nodes('.marker').length }),
    edgeLabel: (id: string) => {
      const e = cy.getElementById(id);
      return e.nonempty() && e.isEdge() ? String(e.data('label') ?? '') : undefined;
    },
    nodes: () => cy.nodes('[kind="node"]').map(node),
    markers: () => cy.nodes('.marker').map(node),
    edges: () => cy.edges().map((e) => ({
      id: e.id(),
      source: e.source().id(),
      target: e.target().id(),
      label: String(e.data('label') ?? ''),
      classes: [...e.classes()],
      data: JSON.parse(JSON.stringify(e.data())) as Record<string, unknown>,
    })),
    zoom: () => cy.zoom(),
    paintedFrames: () => [...painted],
    viewportShortcuts: () => viewportShortcuts(cy),
  });
  window.__meshscopeGraph = hook;
  return () => {
    cy.removeListener('render', onFrame);
    afterPaint.port1.close();
    if (window.__meshscopeGraph === hook) delete window.__meshscopeGraph;
  };
}
