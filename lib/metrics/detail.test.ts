import { describe, expect, it } from 'vitest';
import type { PrometheusClient } from '../prometheus/client';
import { AppError } from '../server/errors';
import { fetchSignals, inConfig } from './detail';

const END = 1_800_000_000;

/** A fake Prometheus: the entity exists, requests answer, the latency bucket query fails. */
function fakePrometheus(opts: { exists: boolean }): PrometheusClient {
  return {
    baseUrl: 'http://fake',
    async query(q) {
      if (q.includes('count_over_time')) return opts.exists ? [{ metric: {}, value: 1, timestampSec: END }] : [];
      if (q.includes('[300s]') && q.includes('response_code,response_flags')) return [{ metric: { response_code: '503', response_flags: 'FI' }, value: 2, timestampSec: END }];
      return [];
    },
    async queryRange(q, r) {
      if (q.includes('istio_request_duration_milliseconds_bucket')) throw new AppError('backend_timeout', 'Prometheus did not answer within 10000 ms', { backend: 'prometheus' });
      const points: Array<[number, number]> = [];
      for (let t = r.startSec; t <= r.endSec; t += r.stepSec) points.push([t, 2]);
      if (q.startsWith('sum by (response_code,response_flags)')) return [{ metric: { response_code: '503', response_flags: 'FI' }, points }];
      return [];
    },
  };
}

const spec = { kind: 'service' as const, namespace: 'default', name: 'ratings', direction: 'inbound' as const, reporter: 'source' as const, split: false, durationSec: 300, endSec: END, scrapeIntervalSec: 15 };

describe('fetchSignals', () => {
  it('a failing query is that chart\'s error; the other charts still render', async () => {
    const s = await fetchSignals(fakePrometheus({ exists: true }), spec);
    expect(s.charts.latency.error).toMatch(/did not answer/);
    expect(s.charts.latency.series).toEqual([]);
    expect(s.charts.errors.error).toBeUndefined();
    expect(s.charts.errors.series.find((x) => x.name === '5xx %')?.points.at(-1)?.[1]).toBe(100);
    expect(s.charts.traffic.series.map((x) => x.name)).toEqual(['total', '5xx']);
    expect(s.codes).toEqual([{ code: '503', flags: 'FI', rps: 2 }]);
    expect(s.noTraffic).toBe(false);
    // No cAdvisor series at all: said plainly, not as an error.
    expect(s.charts.cpu.unavailable).toMatch(/not available from this Prometheus/);
    expect(s.charts.cpu.error).toBeUndefined();
  });

  it('unknown to the configuration and to the telemetry: 404 with a message', async () => {
    await expect(fetchSignals(fakePrometheus({ exists: false }), spec)).rejects.toMatchObject({
      status: 404, message: expect.stringContaining('No service "ratings" in namespace "default"'),
    });
  });
});

describe('inConfig', () => {
  const config = {
    objects: [
      { kind: 'Service', metadata: { name: 'ratings', namespace: 'default' } },
      { kind: 'Deployment', metadata: { name: 'ratings-v1', namespace: 'default' }, spec: { template: { metadata: { labels: { app: 'ratings', version: 'v1' } } } } },
    ],
  };
  it('services by Service object, workloads by name, apps by app label', () => {
    expect(inConfig({ kind: 'service', namespace: 'default', name: 'ratings' }, config)).toBe(true);
    expect(inConfig({ kind: 'service', namespace: 'other', name: 'ratings' }, config)).toBe(false);
    expect(inConfig({ kind: 'workload', namespace: 'default', name: 'ratings-v1' }, config)).toBe(true);
    expect(inConfig({ kind: 'app', namespace: 'default', name: 'ratings' }, config)).toBe(true);
    expect(inConfig({ kind: 'app', namespace: 'default', name: 'ratings-v1' }, config)).toBe(false);
    expect(inConfig({ kind: 'app', namespace: 'default', name: 'x' }, undefined)).toBe(false);
  });
});
