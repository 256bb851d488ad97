/**
 * Waterfall layout as pure functions: which rows are visible given collapsed subtrees, where a bar
 * sits on the current time window, the time-axis ticks, and the slice of rows to mount for a scroll
 * position (windowing).
 */
import type { TraceTree } from './tree';

/** Visible span indexes, in pre-order, skipping the descendants of collapsed spans. */
export function visibleRows(tree: TraceTree, collapsed: ReadonlySet<number>): Int32Array {
  const n = tree.preorder.length;
  if (collapsed.size === 0) return tree.preorder;
  const out = new Int32Array(n);
  let count = 0;
  let k = 0;
  while (k < n) {
    const i = tree.preorder[k]!;
    out[count] = i;
    count += 1;
    k += collapsed.has(i) ? tree.subtreeSize[i]! : 1;
  }
  return out.subarray(0, count);
}

/** Collapsed set that expands the ancestors of `span` (so it becomes visible). */
export function revealSpan(tree: TraceTree, collapsed: ReadonlySet<number>, span: number): Set<number> {
  const next = new Set(collapsed);
  for (let p = tree.parent[span]!; p >= 0; p = tree.parent[p]!) next.delete(p);
  return next;
}

/** Spans at depth ≥ `depth` that have children: "collapse to depth". */
export function collapseBelow(tree: TraceTree, depth: number): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < tree.spans.length; i += 1) if (tree.depth[i]! >= depth && tree.children[i]!.length > 0) out.add(i);
  return out;
}

export interface TimeWindow {
  startUs: number;
  endUs: number;
}

/** Left offset and width of a bar, as fractions of the window (clamped to [0,1]). */
export function barGeometry(startUs: number, durationUs: number, view: TimeWindow): { left: number; width: number } {
  const span = Math.max(1, view.endUs - view.startUs);
  const l = (startUs - view.startUs) / span;
  const r = (startUs + durationUs - view.startUs) / span;
  const left = Math.min(1, Math.max(0, l));
  const right = Math.min(1, Math.max(0, r));
  return { left, width: Math.max(0, right - left) };
}

/** About `count` round tick positions across a window, as µs offsets from `origin`. */
export function timeTicks(view: TimeWindow, origin: number, count = 5): number[] {
  const width = Math.max(1, view.endUs - view.startUs);
  const raw = width / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const first = Math.ceil((view.startUs - origin) / step) * step;
  const ticks: number[] = [];
  for (let t = first; origin + t <= view.endUs + 1e-6; t += step) ticks.push(t);
  return ticks;
}

/** Human duration for µs: 850µs, 12.3ms, 4.51s, 5m 01s. */
export function formatDuration(us: number): string {
  const a = Math.abs(us);
  if (a < 1000) return `${Math.round(us)}µs`;
  if (a < 1_000_000) return `${(us / 1000).toFixed(a < 10_000 ? 2 : 1).replace(/\.?0+$/, '')}ms`;
  if (a < 60_000_000) return `${(us / 1e6).toFixed(2).replace(/\.?0+$/, '')}s`;
  const m = Math.floor(a / 60_000_000);
  const s = Math.floor((a % 60_000_000) / 1e6);
  return `${us < 0 ? '-' : ''}${m}m ${String(s).padStart(2, '0')}s`;
}

/** Rows to mount for a scroll position: [first, last) with an overscan on both sides. */
export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number, overscan = 10): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

const PALETTE = [
  '#17b8be', '#f8a13f', '#7b5bd6', '#4dab4d', '#e24d7c', '#2f6fdb', '#c7a400', '#a05195',
  '#00a2c7', '#d45087', '#6b8e23', '#ff7c43', '#5f9ea0', '#9c6ade', '#e6550d', '#3182bd',
  '#31a354', '#bc5090', '#8c6d31', '#636363',
];

/** A colour per service, assigned in first-seen (pre-order) order, stable for a trace. */
export function serviceColors(tree: TraceTree): Map<string, string> {
  const colors = new Map<string, string>();
  for (let k = 0; k < tree.preorder.length; k += 1) {
    const name = tree.spans[tree.preorder[k]!]!.serviceName;
    if (!colors.has(name)) colors.set(name, PALETTE[colors.size % PALETTE.length]!);
  }
  return colors;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Local wall-clock time `2026-12-01 09:01:16.123` without Intl (whose first use costs tens of ms
 * of ICU start-up, on the critical path of the trace page's first paint).
 */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** 50000 → "50,000" (without Intl, see formatTimestamp). */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
