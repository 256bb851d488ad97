/**
 * Partial results: a graph whose latency, mTLS or TCP query fails or times out comes back with what it
 * has and a warning naming what is missing; only a failed request-count query fails the graph.
 */
import { describe, expect, it } from 'vitest';
import { createPrometheusClient, type PrometheusClient } from '../prometheus/client';
import type { VectorSample } from '../prometheus/types';
import { AppError } from '../server/errors';
import { fetchGraph } from './fetch';
import { parseGraphRequest } from './params';
import { buildGraphQueries, type GraphQueryName } from './queries';
import { bucketRows, mtlsRow, requestRow } from './test-rows';

const req = parseGraphRequest(new URLSearchParams('namespaces=default&duration=5m'));
const queries = buildGraphQueries({ namespaces: ['default'], durationSec: req.durationSec, idleEdges: false });
const nameOf = (q: string): GraphQueryName => {
  const entry = Object.entries(queries).find(([, v]) => v === q);
  if (!entry) throw new Error(`unexpected query ${q}`);
  return entry[0] as GraphQueryName;
};

const hop = { source: { ns: 'default', name: 'a-v1', app: 'a', version: 'v1' }, dest: { ns: 'default', name: 'b-v1', app: 'b', version: 'v1' }, service: { ns: 'default', name: 'b' } };
// 4 rps a → b, all in (5,10] ms → p50 7.5 ms; 3 of 4 rps mutual TLS → 75 %.
const DATA: Record<GraphQueryName, VectorSample[]> = {
  requests: [requestRow(hop, '200', 4)],
  durationBuckets: bucketRows(hop, [['5', 0], ['10', 4], ['+Inf', 4]]),
  mtls: [mtlsRow(hop, 'mutual_tls', 3), mtlsRow(hop, 'none', 1)],
  tcpSent: [],
  tcpReceived: [],
};

type Behaviour = Partial<Record<GraphQueryName, () => Promise<VectorSample[]>>>;

function fakePrometheus(behaviour: Behaviour): PrometheusClient {
  return {
    baseUrl: 'http://prom',
    query: async (q) => {
      const name = nameOf(q);
      return behaviour[name] ? behaviour[name]() : DATA[name];
    },
    queryRange: async () => [],
  };
}

const unavailable = () => Promise.reject(new AppError('backend_unavailable', 'Prometheus at http://prom is unreachable: ECONNREFUSED', { backend: 'prometheus' }));
const timedOut = () => Promise.reject(new AppError('backend_timeout', 'Prometheus at http://prom did not answer within 100 ms', { backend: 'prometheus' }));
const never = () => new Promise<VectorSample[]>(() => undefined);
const opts = { defaultTimeSec: 1_800_000_000, scrapeIntervalSec: 15 };
const edgeIntoB = (g: Awaited<ReturnType<typeof fetchGraph>>) => g.edges.find((e) => e.target === 'vapp:default:b:v1');

describe('fetchGraph partial results', () => {
  it('with every query answered: latency and mTLS present, no partial warning', async () => {
    const g = await fetchGraph(fakePrometheus({}), req, opts);
    expect(edgeIntoB(g)).toMatchObject({ rps: 4, p50: 7.5, mtlsPercent: 75 });
    expect(g.warnings.filter((w) => w.startsWith('Partial graph'))).toEqual([]);
  });

  it('latency query timed out: the graph without response times and a warning that says so', async () => {
    const g = await fetchGraph(fakePrometheus({ durationBuckets: timedOut }), req, opts);
    expect(edgeIntoB(g)).toMatchObject({ rps: 4, p50: null, p95: null, p99: null, mtlsPercent: 75 });
    expect(g.warnings).toContain('Partial graph: no response times (latency) — its query failed (Prometheus at http://prom did not answer within 100 ms).');
  });

  it('mTLS query failed: rps and latency kept, mTLS unknown, one warning', async () => {
    const g = await fetchGraph(fakePrometheus({ mtls: unavailable }), req, opts);
    expect(edgeIntoB(g)).toMatchObject({ rps: 4, p50: 7.5, mtlsPercent: null });
    expect(g.warnings.filter((w) => w.startsWith('Partial graph'))).toEqual([expect.stringContaining('no mTLS status')]);
  });

  it('both TCP queries failed: one TCP warning, not two', async () => {
    const g = await fetchGraph(fakePrometheus({ tcpSent: unavailable, tcpReceived: unavailable }), req, opts);
    expect(g.warnings.filter((w) => w.startsWith('Partial graph'))).toEqual([expect.stringContaining('no TCP traffic')]);
    expect(g.edges.length).toBe(2);
  });

  it('the request-count query failed: the graph fails with the AppError naming Prometheus', async () => {
    await expect(fetchGraph(fakePrometheus({ requests: unavailable }), req, opts)).rejects.toMatchObject({ status: 503, backend: 'prometheus' });
  });

  it('fails at once when the request-count query fails, without waiting for slow other queries', async () => {
    const started = Date.now();
    const result = fetchGraph(fakePrometheus({ requests: timedOut, durationBuckets: never, mtls: never }), req, opts);
    await expect(result).rejects.toMatchObject({ status: 504, code: 'backend_timeout' });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('a slow query is cancelled after PROMETHEUS_TIMEOUT_MS and the graph comes back partial', async () => {
    const aborted: string[] = [];
    const slowFetch: typeof fetch = async (_url, init) => {
      const body = new URLSearchParams(String(init?.body));
      const name = nameOf(body.get('query') ?? '');
      if (name === 'durationBuckets') {
        // Hangs like an overloaded Prometheus until the client's timeout aborts the request.
        return new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => {
            aborted.push(name);
            reject(init.signal?.reason);
          });
        });
      }
      const result = DATA[name].map((s) => ({ metric: s.metric, value: [s.timestampSec, String(s.value)] }));
      return Response.json({ status: 'success', data: { resultType: 'vector', result } });
    };
    const client = createPrometheusClient('http://prom', { timeoutMs: 80, fetch: slowFetch });
    const started = Date.now();
    const g = await fetchGraph(client, req, opts);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(aborted).toEqual(['durationBuckets']);
    expect(edgeIntoB(g)).toMatchObject({ rps: 4, p50: null, mtlsPercent: 75 });
    expect(g.warnings).toContain('Partial graph: no response times (latency) — its query failed (Prometheus at http://prom did not answer within 80 ms).');
  });
});
