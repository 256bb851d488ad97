import { describe, expect, it } from 'vitest';
import { describeShared } from '@/scripts/testing/shared';
import { findSpans } from './find';
import { pairMeshHops, parseNodeId, unansweredCalls } from './istio';
import { barGeometry, collapseBelow, formatCount, formatDuration, formatTimestamp, revealSpan, rowWindow, timeTicks, visibleRows } from './layout';
import { parseTraceDocument } from './parse';
import { summarizeTrace } from './summary';
import { fixture, miniTrace } from './test-helpers';
import { buildTree } from './tree';

describe('Istio node_id', () => {
  it('reads pod, namespace and workload', () => {
    expect(parseNodeId('sidecar~10.244.0.25~productpage-v1-6f89b6c557-sg2bc.default~default.svc.cluster.local')).toEqual({
      proxyType: 'sidecar', ip: '10.244.0.25', pod: 'productpage-v1-6f89b6c557-sg2bc', namespace: 'default', workload: 'productpage-v1',
    });
    expect(parseNodeId('router~10.244.0.14~istio-ingressgateway-79788cd94-wgmsp.istio-system~istio-system.svc.cluster.local')?.workload).toBe('istio-ingressgateway');
    expect(parseNodeId('garbage')).toBeNull();
  });
});

describe('unanswered calls', () => {
  it('a client span with no server child reports its destination, status and flags', () => {
    const t = miniTrace([{ id: 'p', start: 0, dur: 10, kind: 'server' }, { id: 'c', parent: 'p', start: 1, dur: 1, kind: 'client' }]);
    t.spans[1]!.tags.push(
      { key: 'upstream_cluster', type: 'string', value: 'outbound|9080||ratings.default.svc.cluster.local' },
      { key: 'http.status_code', type: 'string', value: '503' },
      { key: 'response_flags', type: 'string', value: 'FI' },
    );
    const tree = buildTree(t);
    expect([...unansweredCalls(tree, pairMeshHops(tree).hopOfSpan).values()]).toEqual([
      { span: 1, destination: 'ratings.default.svc.cluster.local', statusCode: '503', responseFlags: 'FI' },
    ]);
  });
});

describe('layout', () => {
  const tree = buildTree(miniTrace([
    { id: 'a', start: 0, dur: 100 }, { id: 'b', parent: 'a', start: 10, dur: 10 },
    { id: 'c', parent: 'b', start: 12, dur: 5 }, { id: 'd', parent: 'a', start: 30, dur: 10 },
  ]));
  const ids = (rows: Int32Array) => [...rows].map((i) => tree.spans[i]!.spanId);
  it('hides the subtree of a collapsed span and reveals ancestors', () => {
    expect(ids(visibleRows(tree, new Set()))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(visibleRows(tree, new Set([1])))).toEqual(['a', 'b', 'd']);
    expect(ids(visibleRows(tree, new Set([0])))).toEqual(['a']);
    expect(ids(visibleRows(tree, revealSpan(tree, new Set([0, 1]), 2)))).toEqual(['a', 'b', 'c', 'd']);
    expect([...collapseBelow(tree, 1)]).toEqual([1]);
  });
  it('places bars on the time window', () => {
    expect(barGeometry(25, 50, { startUs: 0, endUs: 100 })).toEqual({ left: 0.25, width: 0.5 });
    expect(barGeometry(-50, 100, { startUs: 0, endUs: 100 })).toEqual({ left: 0, width: 0.5 });
    expect(barGeometry(200, 10, { startUs: 0, endUs: 100 })).toEqual({ left: 1, width: 0 });
  });
  it('windows rows and ticks time', () => {
    expect(rowWindow(0, 240, 24, 50_000, 5)).toEqual({ first: 0, last: 15 });
    expect(rowWindow(24 * 1000, 240, 24, 50_000, 5)).toEqual({ first: 995, last: 1015 });
    expect(timeTicks({ startUs: 0, endUs: 1000 }, 0, 5)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(formatDuration(850)).toBe('850µs');
    expect(formatDuration(12_300)).toBe('12.3ms');
    expect(formatDuration(4_510_000)).toBe('4.51s');
    const t = new Date(2026, 11, 1, 9, 1, 16, 7).getTime();
    expect(formatTimestamp(t)).toBe('2026-12-01 09:01:16.007');
    expect(formatCount(50_000)).toBe('50,000');
    expect(formatCount(999)).toBe('999');
  });
});

describeShared('Istio Bookinfo trace', () => {
  it('pairs the four client/server hops and reads Envoy tags', () => {
    const [t] = parseTraceDocument(fixture('derived/bookinfo_from-kiali-tempo_as-jaeger-ui.json'));
    const tree = buildTree(t!);
    const { hops } = pairMeshHops(tree);
    expect(hops.map((h) => `${h.client.service}→${h.server.service}`).sort()).toEqual([
      'istio-ingressgateway.istio-system→productpage.bookinfo',
      'productpage.bookinfo→details.bookinfo',
      'productpage.bookinfo→reviews.bookinfo',
      'reviews.bookinfo→ratings.bookinfo',
    ]);
    const ratings = hops.find((h) => h.server.service === 'ratings.bookinfo')!;
    expect(ratings.upstreamCluster).toBe('outbound|9080||ratings.bookinfo.svc.cluster.local');
    expect(ratings.responseFlags).toBe('-');
    expect(ratings.statusCode).toBe('200');
    expect(ratings.server.namespace).toBe('bookinfo');
    expect(ratings.server.workload).toMatch(/^ratings-v1$/);
    // reference table: client 850 µs, server 434 µs
    expect(ratings.durationUs).toBe(850);
    expect(ratings.overheadUs).toBe(850 - 434);
    const s = summarizeTrace(t!);
    expect(s).toMatchObject({ rootServiceName: 'istio-ingressgateway.istio-system', spanCount: 8, durationUs: 11932, errorSpanCount: 0 });
    expect(s.services.map((x) => x.name)).toHaveLength(5);
    expect(findSpans(t!.spans, t!.processes, 'ratings').length).toBeGreaterThanOrEqual(2);
    expect(findSpans(t!.spans, t!.processes, 'upstream_cluster=inbound|9080||').length).toBe(4);
  });
});
