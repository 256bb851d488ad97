'use client';
import type { GraphResponse } from '@/lib/graph/types';
import type { GlobalParams } from '@/lib/url-state';
import type { Selection } from './graph-canvas';
import { EdgePanel } from './edge-panel';
import { NodePanel } from './node-panel';

export interface GraphSidePanelProps {
  graph: GraphResponse;
  selected: Selection;
  global: GlobalParams;
  focus: string;
  onFocus(id: string | null): void;
  onClose(): void;
}

/** Details of the clicked node or edge (looked up in the full graph, so numbers follow refreshes). */
export function GraphSidePanel({ graph, selected, global, focus, onFocus, onClose }: GraphSidePanelProps) {
  if (!selected) return null;
  const node = selected.kind === 'node' ? graph.nodes.find((n) => n.id === selected.id) : undefined;
  const edge = selected.kind === 'edge' ? graph.edges.find((e) => e.id === selected.id) : undefined;
  return (
    <aside className="graph-panel card" aria-label="Details">
      <button type="button" className="graph-panel__close" onClick={onClose} aria-label="Close details">×</button>
      {node ? <NodePanel node={node} global={global} focused={focus === node.id} onFocus={onFocus} /> : null}
      {edge ? (
        <EdgePanel edge={edge} source={graph.nodes.find((n) => n.id === edge.source)} target={graph.nodes.find((n) => n.id === edge.target)} />
      ) : null}
      {!node && !edge ? <p className="muted">This element is no longer in the graph (no traffic in the window).</p> : null}
    </aside>
  );
}
