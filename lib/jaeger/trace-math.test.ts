import { describe, expect, it } from 'vitest';
import { describeShared } from '@/scripts/testing/shared';
import { computeCriticalPath } from './critical-path';
import { parseTraceDocument } from './parse';
import { adjustClockSkew, unadjusted } from './skew';
import { fixture, miniTrace } from './test-helpers';
import { buildTree } from './tree';

const sections = (tree: ReturnType<typeof buildTree>, start: ArrayLike<number>) =>
  computeCriticalPath(tree, start).sections.map((s) => `${tree.spans[s.span]!.spanId}[${s.startUs},${s.endUs}]`);

describe('tree', () => {
  it('nests by parent, sorts children by start, keeps orphans and FOLLOWS_FROM', () => {
    const tree = buildTree(miniTrace([
      { id: 'a', start: 0, dur: 100 },
      { id: 'c', parent: 'a', start: 30, dur: 10 },
      { id: 'b', parent: 'a', start: 10, dur: 10 },
      { id: 'f', parent: 'b', ref: 'FOLLOWS_FROM', start: 15, dur: 50 },
      { id: 'o', parent: 'missing', start: 5, dur: 1 },
    ]));
    expect([...tree.preorder].map((i) => tree.spans[i]!.spanId)).toEqual(['a', 'b', 'f', 'c', 'o']);
    expect(tree.orphans.map((i) => tree.spans[i]!.spanId)).toEqual(['o']);
    expect(tree.parentRefType[3]).toBe('FOLLOWS_FROM');
    expect([...tree.depth]).toEqual([0, 1, 1, 2, 0]);
    expect(tree.subtreeSize[0]).toBe(4);
  });

  it('a shared client/server span id makes the server the client’s child', () => {
    const tree = buildTree(miniTrace([
      { id: 'r', start: 0, dur: 10 },
      { id: 's', parent: 'r', start: 1, dur: 8, kind: 'client' },
      { id: 's', parent: 'r', start: 2, dur: 6, kind: 'server' },
    ]));
    expect(tree.parent[2]).toBe(1);
    expect(tree.duplicates).toEqual([2]);
  });

  it('cuts reference cycles instead of looping', () => {
    const tree = buildTree(miniTrace([
      { id: 'x', parent: 'y', start: 0, dur: 5 },
      { id: 'y', parent: 'x', start: 1, dur: 5 },
    ]));
    expect(tree.roots).toEqual([0]);
    expect(tree.parent[1]).toBe(0);
    expect(tree.warnings.some((w) => w.includes('cycle'))).toBe(true);
  });

  it('builds a 50,000-deep chain without recursion', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ id: `s${i}`, parent: i > 0 ? `s${i - 1}` : undefined, start: i, dur: 100_000 - 2 * i }));
    const tree = buildTree(miniTrace(rows));
    expect(tree.depth[49_999]).toBe(49_999);
    const cp = computeCriticalPath(tree, unadjusted(tree).startUs);
    expect(cp.onPath.reduce((a, b) => a + b, 0)).toBe(50_000);
  });
});

describe('critical path (answers worked out by hand)', () => {
  // A [0,100]; B [10,40]; C [30,80] with child D [50,70].
  // LFC(A)=C → A[80,100]; LFC(C)=D → C[70,80]; D leaf → D[50,70]; back in C before 50: none → C[30,50];
  // back in A before 30: B ends at 40, not before 30 → A[0,30]. B is off the path.
  it('last-finishing-child walk', () => {
    const tree = buildTree(miniTrace([
      { id: 'A', start: 0, dur: 100 }, { id: 'B', parent: 'A', start: 10, dur: 30 },
      { id: 'C', parent: 'A', start: 30, dur: 50 }, { id: 'D', parent: 'C', start: 50, dur: 20 },
    ]));
    expect(sections(tree, unadjusted(tree).startUs)).toEqual(['A[80,100]', 'C[70,80]', 'D[50,70]', 'C[30,50]', 'A[0,30]']);
    expect([...computeCriticalPath(tree, unadjusted(tree).startUs).onPath]).toEqual([1, 0, 1, 1]);
  });

  // Same with B [10,25]: in A before 30 now B qualifies → A[25,30], B[10,25], then A[0,10].
  it('an earlier sibling that ends before the later one starts joins the path', () => {
    const tree = buildTree(miniTrace([
      { id: 'A', start: 0, dur: 100 }, { id: 'B', parent: 'A', start: 10, dur: 15 },
      { id: 'C', parent: 'A', start: 30, dur: 50 }, { id: 'D', parent: 'C', start: 50, dur: 20 },
    ]));
    expect(sections(tree, unadjusted(tree).startUs)).toEqual(['A[80,100]', 'C[70,80]', 'D[50,70]', 'C[30,50]', 'A[25,30]', 'B[10,25]', 'A[0,10]']);
  });

  // X [0,50]; Y [40,90] sticks out → truncated to [40,50]; Z [60,70] wholly outside → dropped;
  // F [5,45] is FOLLOWS_FROM → not blocking, ignored. Path: X[50,50] skipped, Y[40,50], X[0,40].
  it('truncates overflowing children, drops outside and FOLLOWS_FROM children', () => {
    const tree = buildTree(miniTrace([
      { id: 'X', start: 0, dur: 50 }, { id: 'Y', parent: 'X', start: 40, dur: 50 },
      { id: 'Z', parent: 'X', start: 60, dur: 10 }, { id: 'F', parent: 'X', ref: 'FOLLOWS_FROM', start: 5, dur: 40 },
    ]));
    expect(sections(tree, unadjusted(tree).startUs)).toEqual(['Y[40,50]', 'X[0,40]']);
  });

  it('50,000 siblings under one root finish quickly', () => {
    const rows = [{ id: 'root', start: 0, dur: 1_000_000 }, ...Array.from({ length: 50_000 }, (_, i) => ({ id: `c${i}`, parent: 'root', start: i * 20, dur: 10 }))];
    const tree = buildTree(miniTrace(rows));
    const t0 = performance.now();
    const cp = computeCriticalPath(tree, unadjusted(tree).startUs);
    expect(performance.now() - t0).toBeLessThan(1000);
    // every child [20i, 20i+10] is sequential, so all are on the path
    expect(cp.onPath.reduce((a, b) => a + b, 0)).toBe(50_001);
  });
});

describe('clock skew (answers worked out by hand)', () => {
  // parent P [1000, +100] host h1; child C on h2 starts at 900 (before P), dur 40:
  // C shorter than P and not inside → centre: delta = 1000 + (100-40)/2 - 900 = 130 → C starts 1030.
  // C's child G on the same host h2 (start 910) inherits delta 130 → 1040. H on h1 (inside P... and
  // inside C after shift? H [1035, +5] same host as P but differs from C's host → own delta: fits in C → 0.
  it('centres a shorter child, propagates on the same host, marks adjusted spans', () => {
    const tree = buildTree(miniTrace([
      { id: 'P', start: 1000, dur: 100, host: 'h1' },
      { id: 'C', parent: 'P', start: 900, dur: 40, host: 'h2' },
      { id: 'G', parent: 'C', start: 910, dur: 10, host: 'h2' },
      { id: 'H', parent: 'C', start: 1035, dur: 5, host: 'h1' },
    ]));
    const r = adjustClockSkew(tree);
    expect([...r.deltaUs]).toEqual([0, 130, 130, 0]);
    expect([...r.startUs]).toEqual([1000, 1030, 1040, 1035]);
    expect(r.adjustedCount).toBe(2);
  });

  // longer child (async): only moved so it does not start before the parent: delta = 1000-990 = 10.
  it('moves a longer child only to the parent start', () => {
    const tree = buildTree(miniTrace([{ id: 'P', start: 1000, dur: 10, host: 'a' }, { id: 'C', parent: 'P', start: 990, dur: 500, host: 'b' }]));
    expect([...adjustClockSkew(tree).startUs]).toEqual([1000, 1000]);
  });
});

describeShared('clock skew and critical path on the recorded fixtures', () => {
  // Zipkin's skew.json: servicea get [4071068, +99411] → client post [4074202, +94539] (same ip) →
  // serviceb server post starts at 4008761 (65 ms early), dur 93577 → centred in the client:
  // delta = 4074202 + (94539-93577)/2 - 4008761 = 65922; its child async (same host) inherits it.
  it('zipkin skew trace', () => {
    const [t] = parseTraceDocument(fixture('derived/zipkin-skew_as-jaeger-ui.json'));
    const tree = buildTree(t!);
    const r = adjustClockSkew(tree);
    const byOp = (id: string) => t!.spans.findIndex((s) => s.spanId === id);
    const base = 1470150000000000;
    expect(r.deltaUs[byOp('74280e93d29d8062')]).toBe(65922);
    expect(r.startUs[byOp('74280e93d29d8062')]! - base).toBe(4074683);
    expect(r.startUs[byOp('43210ae0c10d1234')]! - base).toBe(4074684);
    expect(r.deltaUs[byOp('74280ae0c10d8062')]).toBe(0);
    expect(r.adjustedCount).toBe(2);
  });

  it('synthetic Istio trace: 331 skewed children, 5 orphans; after adjustment no child starts before its parent', () => {
    const [t] = parseTraceDocument(fixture('synthetic/istio-bookinfo-shaped-2k-skew-orphans-errors.json'));
    const tree = buildTree(t!);
    expect(t!.spans).toHaveLength(1995);
    expect(tree.orphans).toHaveLength(5);
    expect(tree.roots).toHaveLength(6);
    const before = (start: ArrayLike<number>) => t!.spans.filter((_, i) => tree.parent[i]! >= 0 && start[i]! < start[tree.parent[i]!]!).length;
    expect(before(unadjusted(tree).startUs)).toBe(331);
    const adjusted = adjustClockSkew(tree);
    expect(before(adjusted.startUs)).toBe(0);
    expect(adjusted.adjustedCount).toBeGreaterThanOrEqual(331);
    expect(t!.spans.filter((s) => s.error)).toHaveLength(64);
    const cp = computeCriticalPath(tree, adjusted.startUs);
    expect(cp.onPath[tree.roots[0]!]).toBe(1);
  });

  it('Jaeger UI critical-path test trace: a child longer than its parent is truncated', () => {
    const [t] = parseTraceDocument(fixture('jaeger-ui-format/jaeger-ui_stats_traceWithSingleChildLongerThanParentAndStartsAfterParent.json'));
    const tree = buildTree(t!);
    const cp = computeCriticalPath(tree, unadjusted(tree).startUs);
    const root = tree.roots[0]!;
    const total = cp.sections.reduce((n, s) => n + s.endUs - s.startUs, 0);
    // the path covers exactly the root's duration: no time outside the root is counted
    expect(total).toBe(t!.spans[root]!.durationUs);
  });
});
