/**
 * Client-side clock-skew adjustment, the algorithm of Jaeger's server-side adjuster (off by default
 * there, absent in Jaeger UI): walking the tree top-down, a span on a different host than its
 * parent is shifted so it fits inside the parent — centred when it is shorter (network latency
 * assumed symmetric), only moved to the parent's start when it is longer (async); spans on the same
 * host inherit their parent's shift. Iterative over the pre-order, so deep traces cannot overflow.
 */
import type { KeyValue, Span } from './model';
import { tagString } from './tags';
import type { TraceTree } from './tree';

export interface SkewResult {
  /** Start time per span after adjustment, µs. */
  startUs: Float64Array;
  /** Shift applied per span (0 = untouched), µs. */
  deltaUs: Float64Array;
  adjustedCount: number;
}

const HOST_KEYS = ['host.id', 'host.ip', 'ip', 'host.name', 'hostname'];

/** The host a span ran on: process tags, then Istio's node_id (one proxy per pod). */
export function hostKey(span: Span, processTags: readonly KeyValue[]): string {
  for (const k of HOST_KEYS) {
    const v = tagString(processTags, k);
    if (v) return v;
  }
  const node = tagString(span.tags, 'node_id');
  const ip = node?.split('~')[1];
  return ip ?? '';
}

/** No adjustment: the original start times. */
export function unadjusted(tree: TraceTree): SkewResult {
  const startUs = new Float64Array(tree.spans.length);
  tree.spans.forEach((s, i) => {
    startUs[i] = s.startTimeUs;
  });
  return { startUs, deltaUs: new Float64Array(tree.spans.length), adjustedCount: 0 };
}

export function adjustClockSkew(tree: TraceTree): SkewResult {
  const n = tree.spans.length;
  const startUs = new Float64Array(n);
  const deltaUs = new Float64Array(n);
  const hosts: string[] = new Array<string>(n);
  let adjustedCount = 0;
  for (let k = 0; k < n; k += 1) {
    const i = tree.preorder[k]!;
    const span = tree.spans[i]!;
    hosts[i] = hostKey(span, tree.trace.processes[span.processIndex]?.tags ?? []);
    const p = tree.parent[i]!;
    let delta = 0;
    if (p >= 0) {
      if (hosts[i] !== hosts[p] || hosts[i] === '') {
        const parentStart = startUs[p]!;
        const parentDur = tree.spans[p]!.durationUs;
        const childStart = span.startTimeUs;
        const childDur = span.durationUs;
        if (childDur > parentDur) {
          delta = childStart < parentStart ? parentStart - childStart : 0;
        } else if (childStart >= parentStart && childStart + childDur <= parentStart + parentDur) {
          delta = 0;
        } else {
          delta = parentStart + (parentDur - childDur) / 2 - childStart;
        }
      } else {
        delta = deltaUs[p]!;
      }
    }
    deltaUs[i] = delta;
    startUs[i] = span.startTimeUs + delta;
    if (delta !== 0) adjustedCount += 1;
  }
  return { startUs, deltaUs, adjustedCount };
}
