import { describe, expect, it } from 'vitest';
import type { PrometheusClient } from '../prometheus/client';
import { AppError } from '../server/errors';
import { fetchGraph } from './fetch';
import { parseGraphRequest } from './params';
import { requestRow } from './test-rows';

function fakePrometheus(answer: (q: string) => ReturnType<typeof requestRow>[]): PrometheusClient & { calls: Array<{ q: string; time?: number }> } {
  const calls: Array<{ q: string; time?: number }> = [];
  return {
    baseUrl: 'http://prom',
    calls,
    async query(q, opts) {
      calls.push({ q, time: opts?.timeSec });
      return answer(q);
    },
    async queryRange() {
      return [];
    },
  };
}

const hop = { source: { ns: 'default', name: 'a-v1', app: 'a', version: 'v1' }, dest: { ns: 'default', name: 'b-v1', app: 'b', version: 'v1' }, service: { ns: 'default', name: 'b' } };

describe('fetchGraph', () => {
  it('asks five queries at one evaluation time, whatever the number of namespaces', async () => {
    for (const namespaces of ['default', 'a,b,c,d,e,f,g,h,i,j']) {
      const prom = fakePrometheus(() => []);
      const g = await fetchGraph(prom, parseGraphRequest(new URLSearchParams(`namespaces=${namespaces}`)), { defaultTimeSec: 1234, scrapeIntervalSec: 15 });
      expect(prom.calls).toHaveLength(5);
      expect(new Set(prom.calls.map((c) => c.time))).toEqual(new Set([1234]));
      expect(g.queryCount).toBe(5);
    }
  });

  it('sends every query before the configuration is in, the duration histogram first', async () => {
    const prom = fakePrometheus(() => []);
    let configLoaded!: (c: { objects: [] }) => void;
    const config = new Promise<{ objects: [] }>((resolve) => { configLoaded = resolve; });
    const built = fetchGraph(prom, parseGraphRequest(new URLSearchParams('namespaces=default')), { defaultTimeSec: 1, scrapeIntervalSec: 15, config });
    await new Promise((r) => setTimeout(r, 5));
    expect(prom.calls).toHaveLength(5);
    expect(prom.calls[0]?.q).toContain('istio_request_duration_milliseconds_bucket');
    configLoaded({ objects: [] });
    expect((await built).queryCount).toBe(5);
  });

  it('returns the graph with timestamp, duration and warnings', async () => {
    const prom = fakePrometheus((q) => (q.includes('istio_requests_total{reporter="source"') && !q.includes('connection_security_policy') ? [requestRow(hop, '200', 2)] : []));
    const g = await fetchGraph(prom, parseGraphRequest(new URLSearchParams('namespaces=default&duration=20s&queryTime=99')), { defaultTimeSec: 1, scrapeIntervalSec: 15 });
    expect(g.timestamp).toBe(99);
    expect(g.duration).toBe(20);
    expect(g.edges.map((e) => [e.source, e.target, e.rps])).toEqual([['vapp:default:a:v1', 'svc:default:b', 2], ['svc:default:b', 'vapp:default:b:v1', 2]]);
    expect(g.warnings).toEqual([expect.stringContaining('shorter than two scrape intervals')]);
  });

  it('explains an empty graph', async () => {
    const g = await fetchGraph(fakePrometheus(() => []), parseGraphRequest(new URLSearchParams('namespaces=empty&duration=5m')), { defaultTimeSec: 1, scrapeIntervalSec: 15 });
    expect(g.nodes).toEqual([]);
    expect(g.warnings).toEqual([expect.stringContaining('No traffic in empty during the last 5m')]);
  });

  it('propagates Prometheus failures as the client AppError', async () => {
    const prom: PrometheusClient = {
      baseUrl: 'http://prom',
      query: async () => { throw new AppError('backend_unavailable', 'Prometheus at http://prom is unreachable', { backend: 'prometheus' }); },
      queryRange: async () => [],
    };
    await expect(fetchGraph(prom, parseGraphRequest(new URLSearchParams('namespaces=default')), { defaultTimeSec: 1, scrapeIntervalSec: 15 }))
      .rejects.toMatchObject({ status: 503, backend: 'prometheus' });
  });
});
