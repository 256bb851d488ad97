/**
 * The critical path of a trace (Jaeger UI's "last finishing child" algorithm) written as a loop with
 * an explicit cursor instead of recursion, so 50,000 spans or a 10,000-deep chain cannot overflow
 * the stack. Non-blocking children (FOLLOWS_FROM, producer → consumer) are left out; children
 * sticking out of their parent are truncated to it, children wholly outside it dropped.
 * Per parent, children are sorted by end time once and walked with a pointer, so the whole path
 * costs O(n log n) even for a root with 50,000 direct children.
 */
import type { TraceTree } from './tree';

export interface CriticalSection {
  span: number;
  startUs: number;
  endUs: number;
}

export interface CriticalPath {
  sections: CriticalSection[];
  /** 1 when some part of the span is on the critical path. */
  onPath: Uint8Array;
}

export function computeCriticalPath(tree: TraceTree, startUs: ArrayLike<number>): CriticalPath {
  const n = tree.spans.length;
  const onPath = new Uint8Array(n);
  const sections: CriticalSection[] = [];
  // Sanitised windows, top-down in pre-order: clamp to the parent's window, drop if outside.
  const s = new Float64Array(n);
  const e = new Float64Array(n);
  const included = new Uint8Array(n);
  for (let k = 0; k < n; k += 1) {
    const i = tree.preorder[k]!;
    const span = tree.spans[i]!;
    const p = tree.parent[i]!;
    let start = startUs[i]!;
    let end = start + span.durationUs;
    if (p >= 0) {
      if (!included[p]) continue;
      const blocking = tree.parentRefType[i] === 'CHILD_OF' && !(tree.spans[p]!.kind === 'producer' && span.kind === 'consumer');
      if (!blocking) continue;
      if (start >= e[p]! || end <= s[p]!) {
        if (!(span.durationUs === 0 && start >= s[p]! && start <= e[p]!)) continue;
      }
      start = Math.max(start, s[p]!);
      end = Math.min(end, e[p]!);
    }
    s[i] = start;
    e[i] = end;
    included[i] = 1;
  }
  // Children that count, sorted by end descending, with a cursor per parent.
  const kids: number[][] = new Array<number[]>(n);
  const cursor = new Int32Array(n);
  const kidsOf = (i: number): number[] => {
    let list = kids[i];
    if (!list) {
      list = tree.children[i]!.filter((c) => included[c]);
      list.sort((a, b) => e[b]! - e[a]! || a - b);
      kids[i] = list;
    }
    return list;
  };
  const push = (span: number, from: number, to: number) => {
    if (to > from) {
      sections.push({ span, startUs: from, endUs: to });
      onPath[span] = 1;
    } else if (tree.spans[span]!.durationUs === 0) {
      onPath[span] = 1;
    }
  };

  for (const root of tree.roots) {
    if (!included[root]) continue;
    let span = root;
    let boundary = Infinity; // Infinity: entered from the parent, every child is eligible
    let guard = 4 * n + 8;
    while (guard-- > 0) {
      const list = kidsOf(span);
      let c = cursor[span]!;
      while (c < list.length && e[list[c]!]! >= boundary) c += 1;
      cursor[span] = c;
      const sectionEnd = boundary === Infinity ? e[span]! : boundary;
      const lfc = c < list.length ? list[c]! : -1;
      if (lfc >= 0) {
        cursor[span] = c + 1;
        push(span, e[lfc]!, sectionEnd);
        span = lfc;
        boundary = Infinity;
        continue;
      }
      push(span, s[span]!, sectionEnd);
      const p = tree.parent[span]!;
      if (span === root || p < 0) break;
      boundary = s[span]!;
      span = p;
    }
  }
  return { sections, onPath };
}
