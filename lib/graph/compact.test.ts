import { describe, expect, it } from 'vitest';
import { COMPACT_FORMAT, CompactGraphError, decodeCompactGraph, encodeCompactGraph } from './compact';
import { buildGraph } from './build';
import { tedge, tnode } from './test-graph';
import { requestRow, tcpRow, type WorkloadRef } from './test-rows';
import type { GraphResponse } from './types';
import { toWireJson } from './wire';

function response(over: Partial<GraphResponse> = {}): GraphResponse {
  const gw = tnode('wl:istio-system:istio-ingressgateway', { isGateway: 'ingress', isOutside: true, isRoot: true, traffic: { inRps: 0, outRps: 10.123456789, inErrorRate: 0, outErrorRate: 0, inP50: null, inP95: null, inP99: null, tcpInBps: 0, tcpOutBps: 0 } });
  const pp = tnode('wl:default:productpage-v1', {
    health: 'degraded',
    traffic: { inRps: 10.123456789, outRps: 9.5, inErrorRate: 0.0123456789, outErrorRate: 0, inP50: 12.3456789, inP95: 98.7654321, inP99: 250, tcpInBps: 0, tcpOutBps: 0 },
    badges: { virtualService: ['productpage'], circuitBreaker: true, configErrors: [{ severity: 'warning', message: 'subset v9 is not defined', object: 'DestinationRule default/productpage' }] },
  });
  const mysql = tnode('wl:default:mysqldb-v1', { traffic: { inRps: 0, outRps: 0, inErrorRate: 0, outErrorRate: 0, inP50: null, inP95: null, inP99: null, tcpInBps: 1200, tcpOutBps: 0 } });
  const ext = tnode('ext:httpbin.org', { isExternal: 'passthrough', host: 'httpbin.org' });
  const idle = tnode('wl:default:ratings-v2', { isIdle: true, health: 'idle' });
  const svc = tnode('svc:default:productpage', { isInjected: true });
  return {
    nodes: [gw, svc, pp, mysql, ext, idle],
    edges: [
      tedge(gw.id, svc.id, { rps: 10.123456789, hosts: ['productpage.default.svc.cluster.local'], responses: [{ code: '200', flag: '-', rps: 9.9 }, { code: '503', flag: 'UO', rps: 0.223456789 }] }),
      tedge(svc.id, pp.id, { rps: 10.123456789, p50: null, p95: null, p99: null, mtlsPercent: null, health: 'degraded', errorRate: 0.0220734, hosts: ['productpage.default.svc.cluster.local', 'productpage.other.svc.cluster.local'], responses: [{ code: '200', flag: '-', rps: 9.9 }, { code: '503', flag: '-', rps: 0.223456789 }] }),
      tedge(pp.id, mysql.id, { protocol: 'tcp', rps: 1200, p50: null, p95: null, p99: null, responses: [], tcpSentBps: 1000, tcpReceivedBps: 200, hosts: ['mysqldb.default.svc.cluster.local'] }),
      // An id of another shape travels as it is.
      { ...tedge(pp.id, ext.id, { rps: 0.25, percentOfSource: 2.631578947, mtlsPercent: 0 }), id: 'custom-edge-id' },
    ],
    timestamp: 1790000000,
    duration: 60,
    graphType: 'workload',
    namespaces: ['default'],
    warnings: ['Partial graph: no mTLS status — its query failed (timeout).'],
    queryCount: 5,
    ...over,
  };
}

/** What the page gets from a compact answer, through the wire as the route sends it. */
const viaCompact = (r: GraphResponse) => decodeCompactGraph(JSON.parse(toWireJson(encodeCompactGraph(structuredClone(r)))));
/** What it got from the object form. */
const viaObjects = (r: GraphResponse) => JSON.parse(toWireJson(structuredClone(r))) as GraphResponse;

describe('compact graph answers', () => {
  it('decode to exactly what the object form parses to, keys in the same order', () => {
    const r = response();
    const compact = viaCompact(r);
    const objects = viaObjects(r);
    expect(compact).toStrictEqual(objects);
    // The rounding is there: 6 significant digits, as in the object form.
    expect(compact.edges[0]?.rps).toBe(10.1235);
    expect(compact.edges[3]?.id).toBe('custom-edge-id');
    expect(compact.edges[2]).toMatchObject({ protocol: 'tcp', tcpSentBps: 1000, tcpReceivedBps: 200 });
    expect('tcpSentBps' in (compact.edges[0] as object)).toBe(false);
  });

  it('keeps the key order of a built graph (an exported JSON file reads the same)', () => {
    const pp: WorkloadRef = { ns: 'default', name: 'productpage-v1', app: 'productpage', version: 'v1' };
    const r1: WorkloadRef = { ns: 'default', name: 'reviews-v1', app: 'reviews', version: 'v1' };
    const mysql: WorkloadRef = { ns: 'default', name: 'mysqldb-v1', app: 'mysqldb', version: 'v1' };
    const gw: WorkloadRef = { ns: 'istio-system', name: 'istio-ingressgateway', app: 'istio-ingressgateway' };
    const graph = buildGraph({
      requests: [
        requestRow({ source: gw, dest: pp, service: { ns: 'default', name: 'productpage' } }, '200', 10),
        requestRow({ source: pp, dest: r1, service: { ns: 'default', name: 'reviews' } }, '503', 0.5, 'UO'),
      ],
      tcpSent: [tcpRow({ source: r1, dest: mysql, service: { ns: 'default', name: 'mysqldb' } }, 1000)],
      tcpReceived: [tcpRow({ source: r1, dest: mysql, service: { ns: 'default', name: 'mysqldb' } }, 200)],
      durationBuckets: [],
      mtls: [],
    }, { graphType: 'workload', namespaces: ['default'], injectServiceNodes: true, idleEdges: false });
    const r = response({ nodes: graph.nodes, edges: graph.edges });
    expect(r.edges.some((e) => e.protocol === 'tcp') && r.nodes.some((n) => n.isGateway)).toBe(true);
    expect(JSON.stringify(viaCompact(r))).toBe(JSON.stringify(viaObjects(r)));
  });

  it('names nodes by index and repeated strings once', () => {
    const c = encodeCompactGraph(response());
    expect(c.format).toBe(COMPACT_FORMAT);
    expect(c.edges[0]?.slice(0, 3)).toEqual([0, 1, 'http']);
    // 200, -, 503, UO, and the two hosts: each once.
    expect([...c.strings].sort()).toEqual(['-', '200', '503', 'UO', 'productpage.default.svc.cluster.local', 'productpage.other.svc.cluster.local', 'mysqldb.default.svc.cluster.local'].sort());
    // The usual id is left out; the unusual one is kept.
    expect(c.edges[0]?.length).toBe(13);
    expect(c.edges[3]?.at(-1)).toBe('custom-edge-id');
  });

  it('is about a third of the object form on a big graph', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => tnode(`wl:ns-${i % 50}:svc-${i}-v1`, { traffic: { inRps: i / 7, outRps: i / 3, inErrorRate: 0, outErrorRate: 0.001 * (i % 5), inP50: i / 11, inP95: i / 13, inP99: i / 17, tcpInBps: 0, tcpOutBps: 0 } }));
    const edges = Array.from({ length: 5000 }, (_, k) => {
      const s = nodes[k % 1000]!.id;
      const t = nodes[(k * 7 + 1) % 1000]!.id;
      return tedge(s, t, { rps: k / 9, percentOfSource: (k % 100) + 0.5 / 3, p50: k / 19, p95: k / 23, p99: k / 29, hosts: [`${t.split(':')[2]}.${t.split(':')[1]}.svc.cluster.local`] });
    });
    const r = response({ nodes, edges });
    const objects = toWireJson(structuredClone(r)).length;
    const compact = toWireJson(encodeCompactGraph(structuredClone(r))).length;
    expect(compact / objects).toBeLessThan(0.4);
    expect(viaCompact(r)).toStrictEqual(viaObjects(r));
  });

  it('refuses a body that is not a compact graph', () => {
    const good = JSON.parse(toWireJson(encodeCompactGraph(response())));
    expect(() => decodeCompactGraph({ ...good, format: 'something/2' })).toThrow(CompactGraphError);
    expect(() => decodeCompactGraph(null)).toThrow(/not an object/);
    expect(() => decodeCompactGraph({ ...good, edges: [[0, 99, 'http', 1, 100, 0, null, null, null, null, 'healthy', [], []]] })).toThrow(/node 0 or 99/);
    expect(() => decodeCompactGraph({ ...good, edges: [[0, 1, 'http', 1, 100, 0, null, null, null, null, 'healthy', [42, 0, 1], []]] })).toThrow(/no string 42/);
    expect(() => decodeCompactGraph({ ...good, nodes: [{ id: 'x' }] })).toThrow(/array of its fields/);
  });

  it('refuses to encode an edge whose node is not in the graph', () => {
    const r = response();
    r.edges.push(tedge('wl:default:ghost-v1', r.nodes[0]!.id));
    expect(() => encodeCompactGraph(r)).toThrow(/ghost-v1/);
  });
});
