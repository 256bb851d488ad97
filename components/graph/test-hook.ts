/**
 * A read-only view of the cytoscape model for browser tests and benchmarks: window.__meshscopeGraph.
 * Edges are those on cytoscape's canvas and those the overview draws (edge-overview.ts), each saying
 * which. Returns copies; nothing here can change the graph.
 */
import type { Core } from 'cytoscape';
import type { EdgeElement } from '@/lib/graph/elements';
import { viewportShortcuts, type ViewportShortcuts } from './cy-sync';
import { OVERVIEW_DRAW_EVENT, type EdgeOverview } from './edge-overview';

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
  /** A cytoscape element, or a line of the overview (a big graph far out, or away from the view). */
  drawnBy: 'cytoscape' | 'overview';
  selected: boolean;
}

export interface GraphTestHook {
  /** Cheap: element counts without copying (for polling); `edges` counts both kinds, `overviewEdges` the overview's. */
  counts(): { nodes: number; edges: number; markers: number; overviewEdges: number };
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
  /** The same for the frames the overview drew its edges in (edge-overview.ts). */
  paintedOverviewFrames(): number[];
  /** The renderer's viewport shortcuts as they stand (big graphs hide edges / pan a bitmap while moving). */
  viewportShortcuts(): ViewportShortcuts;
}

declare global {
  interface Window {
    __meshscopeGraph?: GraphTestHook;
  }
}

export function installTestHook(cy: Core, overviewOf: () => EdgeOverview | undefined): () => void {
  // A message posted while drawing is handled once the frame is rendered.
  const paintLog = () => {
    const times: number[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      times.push(performance.now());
      if (times.length > 50) times.shift();
    };
    return { times, note: () => channel.port2.postMessage(0), close: () => channel.port1.close() };
  };
  const painted = paintLog();
  const overviewPainted = paintLog();
  cy.on('render', painted.note);
  cy.on(OVERVIEW_DRAW_EVENT, overviewPainted.note);
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
  const overviewEdge = (e: EdgeElement, selected: string | undefined): HookEdge => ({
    id: e.data.id,
    source: e.data.source,
    target: e.data.target,
    label: e.data.label,
    classes: e.classes.split(' ').filter((c) => c !== ''),
    data: JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>,
    drawnBy: 'overview',
    selected: e.data.id === selected,
  });
  const overviewEdges = (): HookEdge[] => {
    const overview = overviewOf();
    return overview ? overview.edges.map((e) => overviewEdge(e, overview.selected)) : [];
  };
  const hook: GraphTestHook = Object.freeze({
    counts: () => {
      const overviewEdges = overviewOf()?.edges.length ?? 0;
      return { nodes: cy.nodes('[kind="node"]').length, edges: cy.edges().length + overviewEdges, markers: cy.nodes('.marker').length, overviewEdges };
    },
    edgeLabel: (id: string) => {
      const e = cy.getElementById(id);
      if (e.nonempty() && e.isEdge()) return String(e.data('label') ?? '');
      return overviewOf()?.edge(id)?.data.label;
    },
    nodes: () => cy.nodes('[kind="node"]').map(node),
    markers: () => cy.nodes('.marker').map(node),
    edges: () => [
      ...cy.edges().map((e): HookEdge => ({
        id: e.id(),
        source: e.source().id(),
        target: e.target().id(),
        label: String(e.data('label') ?? ''),
        classes: [...e.classes()],
        data: JSON.parse(JSON.stringify(e.data())) as Record<string, unknown>,
        drawnBy: 'cytoscape',
        selected: e.selected(),
      })),
      ...overviewEdges(),
    ],
    zoom: () => cy.zoom(),
    paintedFrames: () => [...painted.times],
    paintedOverviewFrames: () => [...overviewPainted.times],
    viewportShortcuts: () => viewportShortcuts(cy),
  });
  window.__meshscopeGraph = hook;
  return () => {
    cy.removeListener('render', painted.note);
    cy.removeListener(OVERVIEW_DRAW_EVENT, overviewPainted.note);
    painted.close();
    overviewPainted.close();
    if (window.__meshscopeGraph === hook) delete window.__meshscopeGraph;
  };
}
