/**
 * Everything the waterfall shows, derived once per trace (and per skew setting) by pure
 * functions: the tree, start times (adjusted or not), critical path sections per span, mesh hops,
 * service colours, and which collapsed rows hide an error.
 */
import { computeCriticalPath, type CriticalSection } from './critical-path';
import { pairMeshHops, unansweredCalls, type MeshHop, type UnansweredCall } from './istio';
import { serviceColors } from './layout';
import type { Trace } from './model';
import { adjustClockSkew, unadjusted, type SkewResult } from './skew';
import { buildTree, type TraceTree } from './tree';

export interface TraceBase {
  tree: TraceTree;
  hops: MeshHop[];
  hopOfSpan: Int32Array;
  /** Client spans without a server span (the call failed before reaching the callee's sidecar). */
  unanswered: Map<number, UnansweredCall>;
  colors: Map<string, string>;
  /** 1 when some descendant (not the span itself) is an error. */
  descendantError: Uint8Array;
  /** Paired server spans, hidden when hops are merged into their client row. */
  mergedServer: Uint8Array;
  /** Depth when hops are merged. */
  mergedDepth: Int32Array;
  services: string[];
  maxDepth: number;
}

export interface TraceTiming {
  startUs: Float64Array;
  deltaUs: Float64Array;
  adjustedCount: number;
  /** Trace window after adjustment. */
  startBoundUs: number;
  endBoundUs: number;
}

export function buildTraceBase(trace: Trace): TraceBase {
  const tree = buildTree(trace);
  const n = tree.spans.length;
  const { hops, hopOfSpan } = pairMeshHops(tree);
  const descendantError = new Uint8Array(n);
  for (let k = n - 1; k >= 0; k -= 1) {
    const i = tree.preorder[k]!;
    const p = tree.parent[i]!;
    if (p >= 0 && (tree.spans[i]!.error || descendantError[i])) descendantError[p] = 1;
  }
  const mergedServer = new Uint8Array(n);
  for (const h of hops) mergedServer[h.server.span] = 1;
  const mergedDepth = new Int32Array(n);
  let maxDepth = 0;
  for (let k = 0; k < n; k += 1) {
    const i = tree.preorder[k]!;
    const p = tree.parent[i]!;
    mergedDepth[i] = p < 0 ? 0 : mergedDepth[p]! + (mergedServer[i] ? 0 : 1);
    if (tree.depth[i]! > maxDepth) maxDepth = tree.depth[i]!;
  }
  const colors = serviceColors(tree);
  return { tree, hops, hopOfSpan, unanswered: unansweredCalls(tree, hopOfSpan), colors, descendantError, mergedServer, mergedDepth, services: [...colors.keys()], maxDepth };
}

export function buildTraceTiming(base: TraceBase, adjustSkew: boolean): TraceTiming {
  const skew: SkewResult = adjustSkew ? adjustClockSkew(base.tree) : unadjusted(base.tree);
  let startBoundUs = Infinity;
  let endBoundUs = -Infinity;
  base.tree.spans.forEach((span, i) => {
    const st = skew.startUs[i]!;
    if (st < startBoundUs) startBoundUs = st;
    if (st + span.durationUs > endBoundUs) endBoundUs = st + span.durationUs;
  });
  if (!Number.isFinite(startBoundUs)) {
    startBoundUs = 0;
    endBoundUs = 1;
  }
  return { startUs: skew.startUs, deltaUs: skew.deltaUs, adjustedCount: skew.adjustedCount, startBoundUs, endBoundUs };
}

export interface TraceCriticalPath {
  /** Sections per span index (sparse). */
  sections: CriticalSection[][];
  onPath: Uint8Array;
}

export function buildCriticalPath(base: TraceBase, timing: TraceTiming): TraceCriticalPath {
  const cp = computeCriticalPath(base.tree, timing.startUs);
  const sections: CriticalSection[][] = new Array<CriticalSection[]>(base.tree.spans.length);
  for (const s of cp.sections) (sections[s.span] ??= []).push(s);
  return { sections, onPath: cp.onPath };
}

/** Visible rows when hops are merged: drop paired server spans (their children stay). */
export function withoutMergedServers(rows: Int32Array, mergedServer: Uint8Array): Int32Array {
  let count = 0;
  for (let k = 0; k < rows.length; k += 1) if (!mergedServer[rows[k]!]) count += 1;
  if (count === rows.length) return rows;
  const out = new Int32Array(count);
  let j = 0;
  for (let k = 0; k < rows.length; k += 1) if (!mergedServer[rows[k]!]) out[j++] = rows[k]!;
  return out;
}
