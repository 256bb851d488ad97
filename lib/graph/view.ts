/**
 * What the page shows of a graph: focus (only what is upstream and downstream of one node), hide
 * (remove what an expression matches) and find (mark what it matches). Pure, runs in the browser.
 */
import { matchesFind, parseFind } from './find-expr';
import type { Graph } from './types';

export interface ViewOptions {
  find: string;
  hide: string;
  focus: string;
}

export interface GraphView {
  graph: Graph;
  /** Ids of nodes and edges the find expression matches. */
  found: Set<string>;
  findError?: string;
  hideError?: string;
  /** The focus node is not in the graph (e.g. no traffic in the window). */
  focusMissing?: boolean;
  hiddenCount: number;
}

/** Node ids reachable from `id` following edges forwards, and backwards, plus `id` itself. */
export function focusNodeIds(graph: Graph, id: string): Set<string> {
  const out = new Map<string, string[]>();
  const inc = new Map<string, string[]>();
  for (const e of graph.edges) {
    (out.get(e.source) ?? out.set(e.source, []).get(e.source))!.push(e.target);
    (inc.get(e.target) ?? inc.set(e.target, []).get(e.target))!.push(e.source);
  }
  const keep = new Set<string>([id]);
  for (const adj of [out, inc]) {
    const seen = new Set<string>([id]);
    const queue = [id];
    while (queue.length > 0) {
      const cur = queue.shift() as string;
      for (const next of adj.get(cur) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        keep.add(next);
        queue.push(next);
      }
    }
  }
  return keep;
}

export function applyView(graph: Graph, opts: ViewOptions): GraphView {
  let nodes = graph.nodes;
  let edges = graph.edges;
  const result: Omit<GraphView, 'graph'> = { found: new Set(), hiddenCount: 0 };

  if (opts.focus !== '') {
    if (nodes.some((n) => n.id === opts.focus)) {
      const keep = focusNodeIds(graph, opts.focus);
      // Only edges on a path through the focus node: both ends kept and not a side branch between
      // two upstream (or two downstream) nodes that bypasses it is still fine to show.
      nodes = nodes.filter((n) => keep.has(n.id));
      edges = edges.filter((e) => keep.has(e.source) && keep.has(e.target));
    } else {
      result.focusMissing = true;
    }
  }

  if (opts.hide.trim() !== '') {
    const parsed = parseFind(opts.hide);
    if (!parsed.ok) result.hideError = parsed.error;
    else {
      const before = nodes.length + edges.length;
      const hiddenNodes = new Set(nodes.filter((n) => matchesFind(parsed.expr, { kind: 'node', node: n })).map((n) => n.id));
      nodes = nodes.filter((n) => !hiddenNodes.has(n.id));
      edges = edges.filter((e) => !hiddenNodes.has(e.source) && !hiddenNodes.has(e.target) && !matchesFind(parsed.expr, { kind: 'edge', edge: e }));
      result.hiddenCount = before - nodes.length - edges.length;
    }
  }

  if (opts.find.trim() !== '') {
    const parsed = parseFind(opts.find);
    if (!parsed.ok) result.findError = parsed.error;
    else {
      for (const n of nodes) if (matchesFind(parsed.expr, { kind: 'node', node: n })) result.found.add(n.id);
      for (const e of edges) if (matchesFind(parsed.expr, { kind: 'edge', edge: e })) result.found.add(e.id);
    }
  }

  return { graph: nodes === graph.nodes && edges === graph.edges ? graph : { nodes, edges }, ...result };
}
