/**
 * The span tree of a trace as flat typed arrays (no recursion anywhere, so 50,000 spans and deep
 * chains are fine): parent per span, children sorted by start time, depth, pre-order and subtree
 * sizes. Handles orphans (a parent reference to a span that is not in the trace → extra root),
 * duplicate span ids (Zipkin-style shared client/server id → the server becomes the client's
 * child; other duplicates keep their own references), FOLLOWS_FROM (used as the parent only when
 * no CHILD_OF resolves) and reference cycles (cut, with a warning).
 */
import type { RefType, Span, Trace } from './model';

export interface TraceTree {
  trace: Trace;
  spans: Span[];
  /** Span id → index of its first occurrence. */
  indexById: Map<string, number>;
  /** Parent index per span, -1 for roots. */
  parent: Int32Array;
  parentRefType: Array<RefType | null>;
  children: number[][];
  roots: number[];
  /** Spans whose parent reference points at a span missing from the trace. */
  orphans: number[];
  /** Spans whose id repeats an earlier span's id. */
  duplicates: number[];
  depth: Int32Array;
  /** Span indexes in depth-first order (children by start time). */
  preorder: Int32Array;
  /** Position of each span in `preorder`. */
  preorderPos: Int32Array;
  /** Number of spans in each span's subtree, itself included. */
  subtreeSize: Int32Array;
  startUs: number;
  endUs: number;
  warnings: string[];
}

function byStart(spans: readonly Span[]) {
  return (a: number, b: number) => (spans[a]!.startTimeUs - spans[b]!.startTimeUs) || a - b;
}

export function buildTree(trace: Trace): TraceTree {
  const spans = trace.spans;
  const n = spans.length;
  const warnings: string[] = [];
  const indexById = new Map<string, number>();
  const duplicates: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = spans[i]!.spanId;
    if (indexById.has(id)) duplicates.push(i);
    else indexById.set(id, i);
  }
  const duplicateSet = new Set(duplicates);
  if (duplicates.length > 0) warnings.push(`${duplicates.length} span(s) repeat an earlier span id`);

  const parent = new Int32Array(n).fill(-1);
  const parentRefType: Array<RefType | null> = new Array<RefType | null>(n).fill(null);
  const orphans: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const s = spans[i]!;
    if (duplicateSet.has(i)) {
      const first = indexById.get(s.spanId)!;
      if (spans[first]!.kind === 'client' && s.kind === 'server') {
        parent[i] = first;
        parentRefType[i] = 'CHILD_OF';
        continue;
      }
    }
    let found = -1;
    let foundType: RefType | null = null;
    let missing = false;
    for (const type of ['CHILD_OF', 'FOLLOWS_FROM'] as const) {
      for (const r of s.references) {
        if (r.refType !== type) continue;
        const p = indexById.get(r.spanId);
        if (p === undefined) {
          if (type === 'CHILD_OF') missing = true;
          continue;
        }
        if (p === i || spans[p]!.spanId === s.spanId) continue;
        found = p;
        foundType = type;
        break;
      }
      if (found >= 0) break;
    }
    if (found >= 0) {
      parent[i] = found;
      parentRefType[i] = foundType;
    } else if (missing) {
      orphans.push(i);
    }
  }
  if (orphans.length > 0) warnings.push(`${orphans.length} span(s) reference a parent that is not in the trace`);

  const children: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i += 1) if (parent[i]! >= 0) children[parent[i]!]!.push(i);
  const cmp = byStart(spans);
  for (const c of children) if (c.length > 1) c.sort(cmp);

  const roots: number[] = [];
  for (let i = 0; i < n; i += 1) if (parent[i] === -1) roots.push(i);
  roots.sort(cmp);

  const depth = new Int32Array(n);
  const preorder = new Int32Array(n);
  const preorderPos = new Int32Array(n).fill(-1);
  let pos = 0;
  const stack: number[] = [];
  const visit = (root: number) => {
    stack.push(root);
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (preorderPos[i] !== -1) continue;
      preorderPos[i] = pos;
      preorder[pos] = i;
      pos += 1;
      depth[i] = parent[i]! >= 0 ? depth[parent[i]!]! + 1 : 0;
      const c = children[i]!;
      for (let k = c.length - 1; k >= 0; k -= 1) stack.push(c[k]!);
    }
  };
  for (const r of roots) visit(r);
  if (pos < n) {
    // Spans unreachable from any root sit on a reference cycle: cut each cycle at its earliest span.
    const stranded = [];
    for (let i = 0; i < n; i += 1) if (preorderPos[i] === -1) stranded.push(i);
    stranded.sort(cmp);
    let cut = 0;
    for (const i of stranded) {
      if (preorderPos[i] !== -1) continue;
      const p = parent[i]!;
      if (p >= 0) children[p] = children[p]!.filter((c) => c !== i);
      parent[i] = -1;
      parentRefType[i] = null;
      roots.push(i);
      cut += 1;
      visit(i);
    }
    warnings.push(`${cut} reference cycle(s) cut`);
  }

  const subtreeSize = new Int32Array(n).fill(1);
  for (let k = n - 1; k >= 0; k -= 1) {
    const i = preorder[k]!;
    const p = parent[i]!;
    if (p >= 0) subtreeSize[p]! += subtreeSize[i]!;
  }

  let startUs = Infinity;
  let endUs = -Infinity;
  for (const s of spans) {
    if (s.startTimeUs < startUs) startUs = s.startTimeUs;
    if (s.startTimeUs + s.durationUs > endUs) endUs = s.startTimeUs + s.durationUs;
  }
  if (n === 0) {
    startUs = 0;
    endUs = 0;
  }
  return {
    trace, spans, indexById, parent, parentRefType, children, roots, orphans, duplicates,
    depth, preorder, preorderPos, subtreeSize, startUs, endUs, warnings: [...trace.warnings, ...warnings],
  };
}
