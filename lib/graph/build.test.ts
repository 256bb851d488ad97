import { describe, expect, it } from 'vitest';
import { buildGraph, buildGraphAsAnswered, type GraphVectors } from './build';
import { IDENTITY_LABEL, splitIdentity } from './identity';
import { bucketRows, mtlsRow, requestRow, tcpRow, type HopRef, type WorkloadRef } from './test-rows';
import type { VectorSample } from '../prometheus/types';
import type { Graph, GraphOptions } from './types';

const gw: WorkloadRef = { ns: 'istio-system', name: 'istio-ingressgateway', app: 'istio-ingressgateway' };
const pp: WorkloadRef = { ns: 'default', name: 'productpage-v1', app: 'productpage', version: 'v1' };
const details: WorkloadRef = { ns: 'default', name: 'details-v1', app: 'details', version: 'v1' };
const r1: WorkloadRef = { ns: 'default', name: 'reviews-v1', app: 'reviews', version: 'v1' };
const r2: WorkloadRef = { ns: 'default', name: 'reviews-v2', app: 'reviews', version: 'v2' };
const ratings: WorkloadRef = { ns: 'default', name: 'ratings-v1', app: 'ratings', version: 'v1' };
const mysql: WorkloadRef = { ns: 'default', name: 'mysqldb-v1', app: 'mysqldb', version: 'v1' };

const svc = (name: string) => ({ ns: 'default', name });
const hops = {
  gwPp: { source: gw, dest: pp, service: svc('productpage') },
  clientPp: { dest: pp, service: svc('productpage') },
  ppDetails: { source: pp, dest: details, service: svc('details') },
  ppR1: { source: pp, dest: r1, service: svc('reviews') },
  ppR2: { source: pp, dest: r2, service: svc('reviews') },
  r2Ratings: { source: r2, dest: ratings, service: svc('ratings') },
  r2RatingsAborted: { source: r2, service: svc('ratings') },
  r1Mysql: { source: r1, dest: mysql, service: svc('mysqldb'), protocol: 'tcp' },
  ppOut: { source: pp, service: { ns: 'unknown', name: 'PassthroughCluster', host: 'httpbin.org' } },
} satisfies Record<string, HopRef>;

/**
 * A Bookinfo minute: gateway 10 rps to productpage; an out-of-mesh client 2 rps; productpage → details
 * 8.5 × 200 + 1.5 × 404 (15 % 4xx); reviews canary 9 rps v1 / 1 rps v2; reviews-v2 → ratings 0.5 × 200
 * reached ratings-v1 and 0.5 × 500 aborted by the caller's proxy (FI); reviews-v1 → mysql TCP
 * 1000 B/s sent + 200 B/s received; productpage → httpbin.org 0.25 rps via PassthroughCluster.
 */
function bookinfo(): GraphVectors {
  return {
    requests: [
      requestRow(hops.gwPp, '200', 10),
      requestRow(hops.clientPp, '200', 2),
      requestRow(hops.ppDetails, '200', 8.5),
      requestRow(hops.ppDetails, '404', 1.5),
      requestRow(hops.ppR1, '200', 9),
      requestRow(hops.ppR2, '200', 1),
      requestRow(hops.r2Ratings, '200', 0.5),
      requestRow(hops.r2RatingsAborted, '500', 0.5, 'FI'),
      requestRow(hops.ppOut, '200', 0.25),
    ],
    tcpSent: [tcpRow(hops.r1Mysql, 1000)],
    tcpReceived: [tcpRow(hops.r1Mysql, 200)],
    durationBuckets: [
      ...bucketRows(hops.gwPp, [['5', 0], ['10', 4], ['25', 8], ['50', 10], ['+Inf', 10]]),
      ...bucketRows(hops.ppR1, [['5', 0], ['10', 9], ['25', 9], ['+Inf', 9]]),
      ...bucketRows(hops.ppR2, [['5', 0], ['10', 0], ['25', 1], ['+Inf', 1]]),
    ],
    mtls: [
      mtlsRow(hops.gwPp, 'mutual_tls', 10),
      mtlsRow(hops.clientPp, 'none', 2),
      mtlsRow(hops.ppR1, 'mutual_tls', 6),
      mtlsRow(hops.ppR1, 'none', 3),
      mtlsRow(hops.ppR2, 'mutual_tls', 1),
      mtlsRow(hops.r2Ratings, 'mutual_tls', 0.5),
    ],
  };
}

const base: GraphOptions = { graphType: 'versionedApp', namespaces: ['default'], injectServiceNodes: true, idleEdges: false };

function edge(g: Graph, source: string, target: string, protocol = 'http') {
  const e = g.edges.find((x) => x.source === source && x.target === target && x.protocol === protocol);
  if (!e) throw new Error(`no edge ${source} → ${target}; edges: ${g.edges.map((x) => `${x.source}→${x.target}`).join(', ')}`);
  return e;
}

function node(g: Graph, id: string) {
  const n = g.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}; nodes: ${g.nodes.map((x) => x.id).join(', ')}`);
  return n;
}

describe('buildGraph — versioned app graph with service nodes', () => {
  const g = buildGraph(bookinfo(), base);

  it('splits the reviews canary 90/10 from the service node', () => {
    const v1 = edge(g, 'svc:default:reviews', 'vapp:default:reviews:v1');
    const v2 = edge(g, 'svc:default:reviews', 'vapp:default:reviews:v2');
    expect(v1.rps).toBe(9);
    expect(v2.rps).toBe(1);
    expect(v1.percentOfSource).toBeCloseTo(90, 10);
    expect(v2.percentOfSource).toBeCloseTo(10, 10);
    // productpage sends 10 (details) + 10 (reviews) + 0.25 (passthrough) = 20.25 rps
    expect(edge(g, 'vapp:default:productpage:v1', 'svc:default:reviews').percentOfSource).toBeCloseTo((10 / 20.25) * 100, 10);
  });

  it('counts the caller-side abort on the edge into the ratings service: 50 % 5xx → failing', () => {
    const e = edge(g, 'vapp:default:reviews:v2', 'svc:default:ratings');
    expect(e.rps).toBe(1);
    expect(e.errorRate).toBe(0.5);
    expect(e.health).toBe('failing');
    expect(e.responses).toEqual([{ code: '200', flag: '-', rps: 0.5 }, { code: '500', flag: 'FI', rps: 0.5 }]);
    // Only the successful half reached ratings-v1.
    const reached = edge(g, 'svc:default:ratings', 'vapp:default:ratings:v1');
    expect(reached.rps).toBe(0.5);
    expect(reached.health).toBe('healthy');
  });

  it('grades 4xx against the 4xx tolerances: 15 % is degraded, not failing', () => {
    const e = edge(g, 'vapp:default:productpage:v1', 'svc:default:details');
    expect(e.errorRate).toBeCloseTo(0.15, 12);
    expect(e.health).toBe('degraded');
  });

  it('adds an unknown source node for the out-of-mesh client, plaintext', () => {
    const e = edge(g, 'unknown', 'svc:default:productpage');
    expect(e.rps).toBe(2);
    expect(e.mtlsPercent).toBe(0);
    expect(node(g, 'unknown').nodeType).toBe('unknown');
    expect(node(g, 'unknown').isRoot).toBe(true);
  });

  it('marks the ingress gateway, its namespace outside the selection, as a root', () => {
    const n = node(g, 'vapp:istio-system:istio-ingressgateway:');
    expect(n.isGateway).toBe('ingress');
    expect(n.isOutside).toBe(true);
    expect(n.isRoot).toBe(true);
    expect(n.version).toBe('');
    expect(node(g, 'vapp:default:productpage:v1').isOutside).toBeUndefined();
  });

  it('computes mTLS % from destination-reported traffic: full, partial, none, unknown', () => {
    expect(edge(g, 'vapp:istio-system:istio-ingressgateway:', 'svc:default:productpage').mtlsPercent).toBe(100);
    // reviews: v1 6 mTLS + 3 plain, v2 1 mTLS → 7/10
    expect(edge(g, 'vapp:default:productpage:v1', 'svc:default:reviews').mtlsPercent).toBeCloseTo(70, 10);
    expect(edge(g, 'svc:default:reviews', 'vapp:default:reviews:v1').mtlsPercent).toBeCloseTo((6 / 9) * 100, 10);
    expect(edge(g, 'svc:default:reviews', 'vapp:default:reviews:v2').mtlsPercent).toBe(100);
    // no destination-reported data for details in this fixture
    expect(edge(g, 'vapp:default:productpage:v1', 'svc:default:details').mtlsPercent).toBeNull();
  });

  it('computes response-time quantiles per edge, also into service nodes', () => {
    const e = edge(g, 'vapp:istio-system:istio-ingressgateway:', 'svc:default:productpage');
    // rank 5 in (10,25] holding 4 → 10 + 15·1/4; rank 9.5 in (25,50] holding 2 → 25 + 25·1.5/2; rank 9.9 → 25 + 25·1.9/2
    expect(e.p50).toBeCloseTo(13.75, 10);
    expect(e.p95).toBeCloseTo(43.75, 10);
    expect(e.p99).toBeCloseTo(48.75, 10);
    // productpage → reviews service sums v1 (9 in (5,10]) and v2 (1 in (10,25]): cumulative 5:0, 10:9, 25:10
    const r = edge(g, 'vapp:default:productpage:v1', 'svc:default:reviews');
    expect(r.p50).toBeCloseTo(5 + 5 * (5 / 9), 10);
    expect(r.p95).toBeCloseTo(10 + 15 * (0.5 / 1), 10);
    expect(r.p99).toBeCloseTo(10 + 15 * (0.9 / 1), 10);
    expect(edge(g, 'svc:default:reviews', 'vapp:default:reviews:v2').p50).toBeCloseTo(17.5, 10);
  });

  it('keeps TCP edges apart: bytes/s, healthy, no response time', () => {
    const e = edge(g, 'vapp:default:reviews:v1', 'svc:default:mysqldb', 'tcp');
    expect(e.rps).toBe(1200);
    expect(e.tcpSentBps).toBe(1000);
    expect(e.tcpReceivedBps).toBe(200);
    expect(e.health).toBe('healthy');
    expect(e.p95).toBeNull();
    expect(e.errorRate).toBe(0);
    expect(edge(g, 'svc:default:mysqldb', 'vapp:default:mysqldb:v1', 'tcp').percentOfSource).toBe(100);
  });

  it('shows PassthroughCluster as an external node', () => {
    const e = edge(g, 'vapp:default:productpage:v1', 'ext:PassthroughCluster');
    expect(e.rps).toBe(0.25);
    expect(e.hosts).toEqual(['httpbin.org']);
    expect(node(g, 'ext:PassthroughCluster').isExternal).toBe('passthrough');
  });

  it('derives node traffic and health from the node edges', () => {
    const ratingsSvc = node(g, 'svc:default:ratings');
    expect(ratingsSvc.traffic.inRps).toBe(1);
    expect(ratingsSvc.traffic.inErrorRate).toBe(0.5);
    expect(ratingsSvc.health).toBe('failing');
    // reviews-v2 calls ratings with 50 % errors: outbound failing
    expect(node(g, 'vapp:default:reviews:v2').health).toBe('failing');
    expect(node(g, 'vapp:default:ratings:v1').health).toBe('healthy');
    const productpage = node(g, 'svc:default:productpage');
    expect(productpage.traffic.inRps).toBe(12);
    // inbound p50 over the gateway's histogram only (the client row has no buckets)
    expect(productpage.traffic.inP50).toBeCloseTo(13.75, 10);
    expect(node(g, 'vapp:default:reviews:v1').service).toBe('reviews');
  });
});

describe('buildGraph — graph types', () => {
  it('workload graph: one node per workload, gateway marked', () => {
    const g = buildGraph(bookinfo(), { ...base, graphType: 'workload', injectServiceNodes: false });
    expect(edge(g, 'wl:default:productpage-v1', 'wl:default:reviews-v1').rps).toBe(9);
    expect(node(g, 'wl:istio-system:istio-ingressgateway').isGateway).toBe('ingress');
    // The aborted half never reached a workload: it stays on an edge to the service node.
    const aborted = edge(g, 'wl:default:reviews-v2', 'svc:default:ratings');
    expect(aborted.rps).toBe(0.5);
    expect(aborted.errorRate).toBe(1);
    expect(edge(g, 'wl:default:reviews-v2', 'wl:default:ratings-v1').rps).toBe(0.5);
    expect(node(g, 'wl:default:reviews-v1').service).toBe('reviews');
  });

  it('app graph without service nodes merges versions', () => {
    const g = buildGraph(bookinfo(), { ...base, graphType: 'app', injectServiceNodes: false });
    const e = edge(g, 'app:default:productpage', 'app:default:reviews');
    expect(e.rps).toBe(10);
    expect(e.mtlsPercent).toBeCloseTo(70, 10);
    expect(g.nodes.filter((n) => n.app === 'reviews')).toHaveLength(1);
  });

  it('service graph: service to service, root workloads kept, response time on every edge', () => {
    const g = buildGraph(bookinfo(), { ...base, graphType: 'service', injectServiceNodes: false });
    const gwEdge = edge(g, 'wl:istio-system:istio-ingressgateway', 'svc:default:productpage');
    expect(gwEdge.rps).toBe(10);
    expect(gwEdge.p50).toBeCloseTo(13.75, 10);
    const toReviews = edge(g, 'svc:default:productpage', 'svc:default:reviews');
    expect(toReviews.rps).toBe(10);
    expect(toReviews.p50).toBeCloseTo(5 + 5 * (5 / 9), 10);
    const toRatings = edge(g, 'svc:default:reviews', 'svc:default:ratings');
    expect(toRatings.rps).toBe(1);
    expect(toRatings.health).toBe('failing');
    expect(g.nodes.every((n) => n.nodeType !== 'workload' || n.isRoot)).toBe(true);
  });
});

describe('buildGraph — options and edge cases', () => {
  it('builds the same graph when fed as the answers come in, in whatever order they come', async () => {
    const v = bookinfo();
    const parts = ['requests', 'tcpSent', 'tcpReceived', 'durationBuckets', 'mtls'] as const;
    for (const graphType of ['workload', 'app', 'versionedApp', 'service'] as const) {
      // The last query answers first, the request counts last.
      const answer = (part: keyof GraphVectors) => new Promise<VectorSample[]>((resolve) => setTimeout(() => resolve(v[part]), 5 * (parts.length - parts.indexOf(part))));
      expect(await buildGraphAsAnswered(answer, { ...base, graphType })).toEqual(buildGraph(v, { ...base, graphType }));
    }
  });

  it('builds the same graph from rows labelled one by one as from rows with the joined identity', () => {
    const labelled = (rows: VectorSample[]) => rows.map((r) => {
      const { [IDENTITY_LABEL]: joined, ...rest } = r.metric;
      return { ...r, metric: { ...splitIdentity(joined as string), ...rest } };
    });
    const v = bookinfo();
    const unjoined: GraphVectors = { requests: labelled(v.requests), tcpSent: labelled(v.tcpSent), tcpReceived: labelled(v.tcpReceived), durationBuckets: labelled(v.durationBuckets), mtls: labelled(v.mtls) };
    expect(unjoined.requests[0]?.metric).toHaveProperty('source_workload', 'istio-ingressgateway');
    for (const graphType of ['workload', 'app', 'versionedApp', 'service'] as const) {
      expect(buildGraph(unjoined, { ...base, graphType })).toEqual(buildGraph(v, { ...base, graphType }));
    }
  });

  it('skips rows whose joined identity is malformed', () => {
    const v = bookinfo();
    const joined = v.requests[0]?.metric[IDENTITY_LABEL] as string;
    const malformed = ['not|a|hop', `${joined}|extra`, joined.slice(0, joined.lastIndexOf('|'))];
    const broken = { ...v, requests: [...v.requests, ...malformed.map((identity) => ({ metric: { identity, response_code: '200' }, value: 100, timestampSec: 1_800_000_000 }))] };
    expect(buildGraph(broken, base)).toEqual(buildGraph(v, base));
  });

  it('uses per-namespace tolerances from the health config', () => {
    const lenient = {
      rules: [{ namespace: /^default$/, name: /^ratings-v1$|^ratings$/, tolerances: [{ code: /^5\d\d$/, protocol: /^http$/, direction: /.*/, degradedPct: 60, failurePct: 80 }] }],
    };
    const g = buildGraph(bookinfo(), { ...base, graphType: 'workload', health: lenient });
    // reviews-v2 (default tolerances) outbound 50 % 5xx is failing whatever ratings tolerates
    expect(edge(g, 'wl:default:reviews-v2', 'svc:default:ratings').health).toBe('failing');
    expect(node(g, 'svc:default:ratings').health).toBe('healthy');
  });

  it('drops idle edges unless asked', () => {
    const v: GraphVectors = { requests: [requestRow(hops.ppDetails, '200', 0)], tcpSent: [], tcpReceived: [], durationBuckets: [], mtls: [] };
    expect(buildGraph(v, base).edges).toHaveLength(0);
    expect(buildGraph(v, base).nodes).toHaveLength(0);
    const idle = buildGraph(v, { ...base, idleEdges: true });
    expect(idle.edges.map((e) => e.health)).toEqual(['idle', 'idle']);
  });

  it('reads gRPC status codes; non-OK statuses are errors', () => {
    const h: HopRef = { source: pp, dest: details, service: svc('details'), protocol: 'grpc' };
    const v: GraphVectors = {
      requests: [requestRow(h, '200', 9, '-', '0'), requestRow(h, '200', 1, '-', '14')],
      tcpSent: [], tcpReceived: [], durationBuckets: [], mtls: [],
    };
    const e = edge(buildGraph(v, { ...base, graphType: 'workload', injectServiceNodes: false }), 'wl:default:productpage-v1', 'wl:default:details-v1', 'grpc');
    expect(e.responses).toEqual([{ code: '0', flag: '-', rps: 9 }, { code: '14', flag: '-', rps: 1 }]);
    expect(e.errorRate).toBeCloseTo(0.1, 12);
    expect(e.health).toBe('failing');
  });

  it('treats response code 0 (no response) as an error', () => {
    const v: GraphVectors = {
      requests: [requestRow(hops.ppDetails, '200', 19), requestRow(hops.ppDetails, '0', 1, 'DC')],
      tcpSent: [], tcpReceived: [], durationBuckets: [], mtls: [],
    };
    const e = edge(buildGraph(v, { ...base, graphType: 'workload', injectServiceNodes: false }), 'wl:default:productpage-v1', 'wl:default:details-v1');
    expect(e.errorRate).toBeCloseTo(0.05, 12);
    expect(e.health).toBe('degraded');
  });

  it('names ServiceEntry hosts as external nodes', () => {
    const h: HopRef = { source: pp, service: { ns: 'default', name: 'api.example.com', host: 'api.example.com' } };
    const v: GraphVectors = { requests: [requestRow(h, '200', 3)], tcpSent: [], tcpReceived: [], durationBuckets: [], mtls: [] };
    const g = buildGraph(v, base);
    const n = node(g, 'ext:api.example.com');
    expect(n.isExternal).toBe('serviceEntry');
    expect(n.host).toBe('api.example.com');
  });
});
