import { describe, expect, it } from 'vitest';
import { buildGraph, type GraphVectors } from '../graph/build';
import { bucketRows, requestRow, type HopRef } from '../graph/test-rows';
import type { ConfigObject } from '../graph/badges';
import { routingIndex } from './config-badges';
import { buildMtlsQuery, GRAPH_TYPE_OF, mtlsByEntity, rowsFromGraph } from './list';
import type { EntityKind } from './types';

const pp = { ns: 'default', name: 'productpage-v1', app: 'productpage', version: 'v1' };
const r2 = { ns: 'default', name: 'reviews-v2', app: 'reviews', version: 'v2' };
const ratings = { ns: 'default', name: 'ratings-v1', app: 'ratings', version: 'v1' };
const toReviews: HopRef = { source: pp, dest: r2, service: { ns: 'default', name: 'reviews' } };
const toRatings: HopRef = { source: r2, dest: ratings, service: { ns: 'default', name: 'ratings' } };
const aborted: HopRef = { source: r2, service: { ns: 'default', name: 'ratings' } };

// productpage → reviews: 9 × 200 + 1 × 404 (10 % 4xx → degraded); reviews → ratings: 1 × 200 reached
// ratings, 1 × 503 aborted by the caller's proxy (50 % 5xx on the ratings service → failing).
const vectors: GraphVectors = {
  requests: [requestRow(toReviews, '200', 9), requestRow(toReviews, '404', 1), requestRow(toRatings, '200', 1), requestRow(aborted, '503', 1, 'FI')],
  tcpSent: [],
  tcpReceived: [],
  // All 10 reviews requests ≤ 10 ms, half ≤ 5 ms: p95 = 5 + 5 · (9.5 − 5) / 5 = 9.5 ms.
  durationBuckets: bucketRows(toReviews, [['5', 5], ['10', 10], ['+Inf', 10]]),
  mtls: [],
};

const config: ConfigObject[] = [
  { kind: 'VirtualService', metadata: { name: 'ratings', namespace: 'default' }, spec: { hosts: ['ratings'] } },
  { kind: 'DestinationRule', metadata: { name: 'reviews', namespace: 'default' }, spec: { host: 'reviews.default.svc.cluster.local' } },
];

function rows(kind: EntityKind) {
  const graph = buildGraph(vectors, { graphType: GRAPH_TYPE_OF[kind], namespaces: ['default'], injectServiceNodes: true, idleEdges: false });
  return { graph, rows: rowsFromGraph(kind, graph, ['default'], new Map([['default/reviews', 75]]), routingIndex(config)) };
}

describe('rowsFromGraph', () => {
  it('services: the injected service nodes with inbound rps, error %, p95 and the graph colour', () => {
    const { graph, rows: svc } = rows('service');
    expect(svc.map((r) => r.name)).toEqual(['ratings', 'reviews']);
    const reviews = svc.find((r) => r.name === 'reviews');
    const ratingsRow = svc.find((r) => r.name === 'ratings');
    expect(reviews?.inRps).toBeCloseTo(10, 9);
    expect(reviews?.inErrorPct).toBeCloseTo(10, 9);
    expect(reviews?.inP95Ms).toBeCloseTo(9.5, 9);
    expect(reviews?.health).toBe('degraded');
    expect(reviews?.mtlsPct).toBe(75);
    expect(reviews?.badges.destinationRules).toEqual(['default/reviews']);
    expect(ratingsRow?.inErrorPct).toBeCloseTo(50, 9);
    expect(ratingsRow?.health).toBe('failing');
    expect(ratingsRow?.badges.virtualServices).toEqual(['default/ratings']);
    expect(ratingsRow?.mtlsPct).toBeNull();
    for (const r of svc) expect(r.health).toBe(graph.nodes.find((n) => n.id === r.nodeId)?.health);
  });

  it('workloads: every row has the colour of its node in the workload graph', () => {
    const { graph, rows: wl } = rows('workload');
    expect(wl.map((r) => r.nodeId)).toEqual(['wl:default:productpage-v1', 'wl:default:ratings-v1', 'wl:default:reviews-v2']);
    for (const r of wl) expect(r.health).toBe(graph.nodes.find((n) => n.id === r.nodeId)?.health);
    const rev = wl.find((r) => r.name === 'reviews-v2');
    // reviews-v2's outbound: 1 of 2 requests failed.
    expect(rev?.outErrorPct).toBeCloseTo(50, 9);
    expect(rev?.health).toBe('failing');
    expect(wl.find((r) => r.name === 'productpage-v1')?.inErrorPct).toBeNull();
  });

  it('apps: app nodes, app name as the traces key', () => {
    const { rows: apps } = rows('app');
    expect(apps.map((r) => `${r.nodeId} ${r.app}`)).toEqual(['app:default:productpage productpage', 'app:default:ratings ratings', 'app:default:reviews reviews']);
  });

  it('drops nodes outside the selected namespaces', () => {
    const graph = buildGraph(vectors, { graphType: 'versionedApp', namespaces: ['other'], injectServiceNodes: true, idleEdges: false });
    expect(rowsFromGraph('service', graph, ['other'], new Map(), new Map())).toEqual([]);
  });
});

describe('mTLS', () => {
  it('query: destination reporter, namespaces as one escaped regex, grouped by the entity', () => {
    expect(buildMtlsQuery('workload', ['default', 'a.b'], 300)).toBe(
      'sum by (destination_workload_namespace,destination_workload,connection_security_policy) (rate(istio_requests_total{reporter="destination",destination_workload_namespace=~"default|a\\\\.b"}[300s])) > 0',
    );
  });
  it('share of mutual_tls per entity', () => {
    const m = mtlsByEntity('service', [
      { metric: { destination_service_namespace: 'default', destination_service_name: 'details', connection_security_policy: 'mutual_tls' }, value: 8.5, timestampSec: 0 },
      { metric: { destination_service_namespace: 'default', destination_service_name: 'details', connection_security_policy: 'none' }, value: 1.5, timestampSec: 0 },
    ]);
    expect(m.get('default/details')).toBeCloseTo(85, 9);
  });
});
