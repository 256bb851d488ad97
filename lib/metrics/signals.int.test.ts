/**
 * Exact numbers: known Istio counters and histograms are backfilled (promtool → Prometheus, import →
 * VictoriaMetrics), then the lists, the detail charts and the overview must return the rps, error %,
 * p95, mTLS %, bytes/s and TCP rates computed by hand below (within 1 %). The counters grow linearly,
 * so every rate over the data is the exact slope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleLine, startPrometheusWithData, startVictoriaMetricsWithData, type EngineWithData } from '../../scripts/testing/prom-fixture';
import { createPrometheusClient, type PrometheusClient } from '../prometheus/client';
import { fetchSignals } from './detail';
import { fetchEntityList } from './list';
import { fetchOverview } from './overview';
import type { ChartSeries, EntityKind, EntityRow } from './types';

const T0 = 1_790_000_000;
const STEP = 15;
const STEPS = 40;
const T_END = T0 + STEP * STEPS;
const WINDOW = 300;

type W = { name: string; app: string; version: string };
const pp: W = { name: 'productpage-v1', app: 'productpage', version: 'v1' };
const rv: W = { name: 'reviews-v1', app: 'reviews', version: 'v1' };
const rt: W = { name: 'ratings-v1', app: 'ratings', version: 'v1' };
const db: W = { name: 'mysqldb-v1', app: 'mysqldb', version: 'v1' };

function peer(prefix: string, w: W): Record<string, string> {
  return {
    [`${prefix}_workload`]: w.name, [`${prefix}_workload_namespace`]: 'default', [`${prefix}_canonical_service`]: w.app,
    [`${prefix}_canonical_revision`]: w.version, [`${prefix}_app`]: w.app, [`${prefix}_version`]: w.version,
  };
}

interface Stream { src: W; dst: W; svc: string; code?: string; flags?: string; mtls?: boolean; rate: number; protocol?: 'http' | 'tcp' }

function labels(s: Stream, reporter: 'source' | 'destination'): Record<string, string> {
  return {
    reporter, ...peer('source', s.src), ...peer('destination', s.dst),
    destination_service: `${s.svc}.default.svc.cluster.local`, destination_service_name: s.svc, destination_service_namespace: 'default',
    request_protocol: s.protocol ?? 'http', ...(s.protocol === 'tcp' ? {} : { response_code: s.code ?? '200' }),
    response_flags: s.flags ?? '-', connection_security_policy: reporter === 'source' ? 'unknown' : s.mtls === false ? 'none' : 'mutual_tls',
  };
}

const lines: string[] = [];
const counter = (name: string, l: Record<string, string>, rate: number) => {
  for (let i = 0; i <= STEPS; i += 1) lines.push(sampleLine(name, l, rate * STEP * i, T0 + STEP * i));
};
const BUCKETS = ['0.5', '1', '5', '10', '25', '50', '100', '250', '500', '1000', '2500', '5000', '10000', '30000', '60000', '300000', '600000', '1800000', '3600000', '+Inf'];
// 40 % in (5,10] ms, 40 % in (10,25], 20 % in (25,50]: p50 = 13.75, p95 = 25 + 25 · (1.5/2) = 43.75 ms.
const DIST: Record<string, number> = { '5': 0, '10': 0.4, '25': 0.8, '50': 1 };
const share = (le: string) => (le === '+Inf' ? 1 : Math.max(0, ...Object.entries(DIST).filter(([b]) => Number(b) <= Number(le)).map(([, v]) => v)));

/** Both reporters see the same stream: requests, the duration histogram, request and response bytes. */
function http(s: Stream, requestBytes: number, responseBytes: number): void {
  for (const reporter of ['source', 'destination'] as const) {
    const l = labels(s, reporter);
    counter('istio_requests_total', l, s.rate);
    for (const le of BUCKETS) counter('istio_request_duration_milliseconds_bucket', { ...l, le }, s.rate * share(le));
    counter('istio_request_duration_milliseconds_count', l, s.rate);
    counter('istio_request_duration_milliseconds_sum', l, s.rate * 20);
    counter('istio_request_bytes_sum', l, s.rate * requestBytes);
    counter('istio_request_bytes_count', l, s.rate);
    counter('istio_response_bytes_sum', l, s.rate * responseBytes);
    counter('istio_response_bytes_count', l, s.rate);
  }
}

lines.push('# TYPE istio_requests counter', '# TYPE istio_request_duration_milliseconds histogram');
// productpage → reviews: 8 rps 200 (mTLS, 200 B in / 500 B out), 2 rps 503 UF (plaintext, 200 B / 100 B).
http({ src: pp, dst: rv, svc: 'reviews', rate: 8 }, 200, 500);
http({ src: pp, dst: rv, svc: 'reviews', code: '503', flags: 'UF', mtls: false, rate: 2 }, 200, 100);
// reviews → ratings: 4.5 rps 200 + 0.5 rps 404 (10 % 4xx → degraded), mTLS.
http({ src: rv, dst: rt, svc: 'ratings', rate: 4.5 }, 50, 50);
http({ src: rv, dst: rt, svc: 'ratings', code: '404', flags: 'NR', rate: 0.5 }, 50, 50);
// reviews → mysqldb TCP: the caller sends 1000 B/s, gets 200 B/s back; 0.5 connections/s opened and closed.
for (const reporter of ['source', 'destination'] as const) {
  const l = labels({ src: rv, dst: db, svc: 'mysqldb', protocol: 'tcp', rate: 0 }, reporter);
  counter('istio_tcp_received_bytes_total', l, 1000);
  counter('istio_tcp_sent_bytes_total', l, 200);
  counter('istio_tcp_connections_opened_total', l, 0.5);
  counter('istio_tcp_connections_closed_total', l, 0.5);
}
lines.push('# EOF');
const DATA = lines.join('\n');

const close = (actual: number | null | undefined, expected: number) => {
  expect(actual, `expected ≈ ${expected}`).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * 0.01 + 1e-9);
};
const last = (series: ChartSeries[], name: string) => series.find((s) => s.name === name)?.points.at(-1)?.[1];
const everyPoint = (series: ChartSeries[], name: string, expected: number) => {
  const s = series.find((x) => x.name === name);
  expect(s, `series ${name} among ${series.map((x) => x.name).join(', ')}`).toBeDefined();
  for (const [, v] of s?.points ?? []) close(v, expected);
};

describe.each([['prometheus', startPrometheusWithData], ['victoria-metrics', startVictoriaMetricsWithData]] as const)('signals on %s with known data', (_kind, start) => {
  let engine: EngineWithData | undefined;
  let prom: PrometheusClient;
  const list = (kind: EntityKind) => fetchEntityList(prom, { kind, namespaces: ['default'], durationSec: WINDOW, timeSec: T_END, scrapeIntervalSec: STEP });
  const row = (rows: EntityRow[], name: string) => {
    const r = rows.find((x) => x.name === name);
    if (!r) throw new Error(`no row ${name} among ${rows.map((x) => x.name).join(', ')}`);
    return r;
  };

  beforeAll(async () => {
    engine = await start(DATA);
    prom = createPrometheusClient(engine.url, { timeoutMs: 30_000 });
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it('service list: rps, error %, p95, mTLS % and health as computed by hand', async () => {
    const { rows } = await list('service');
    const reviews = row(rows, 'reviews');
    close(reviews.inRps, 10); // 8 + 2, counted once
    close(reviews.inErrorPct, 20); // 2 / 10
    close(reviews.inP95Ms, 43.75);
    close(reviews.mtlsPct, 80); // 8 of 10 destination-reported requests
    expect(reviews.health).toBe('failing'); // 20 % 5xx ≥ 10 %
    const ratings = row(rows, 'ratings');
    close(ratings.inRps, 5);
    close(ratings.inErrorPct, 10);
    expect(ratings.health).toBe('degraded'); // 10 % 4xx: degraded at 10, failing at 20
  });

  it('workload list: reviews-v1 in and out', async () => {
    const { rows } = await list('workload');
    const r = row(rows, 'reviews-v1');
    close(r.inRps, 10);
    close(r.outRps, 5);
    close(r.outErrorPct, 10);
    close(r.tcpBps, 1200);
    expect(r.health).toBe('failing');
  });

  it('service detail: every chart point equals the hand-computed rate', async () => {
    const s = await fetchSignals(prom, { kind: 'service', namespace: 'default', name: 'reviews', direction: 'inbound', reporter: 'source', split: false, durationSec: WINDOW, endSec: T_END, scrapeIntervalSec: STEP });
    expect(s.stepSec).toBe(5);
    expect((s.endSec - s.startSec) / s.stepSec + 1).toBe(61);
    everyPoint(s.charts.traffic.series, 'total', 10);
    everyPoint(s.charts.traffic.series, '2xx', 8);
    everyPoint(s.charts.traffic.series, '5xx', 2);
    everyPoint(s.charts.errors.series, '5xx %', 20);
    everyPoint(s.charts.errors.series, '4xx %', 0);
    everyPoint(s.charts.latency.series, 'p50', 13.75);
    everyPoint(s.charts.latency.series, 'p95', 43.75);
    everyPoint(s.charts.latency.series, 'p99', 48.75);
    everyPoint(s.charts.latency.series, 'average', 20);
    everyPoint(s.charts.throughput.series, 'request bytes', 2000); // 10 × 200
    everyPoint(s.charts.throughput.series, 'response bytes', 4200); // 8 × 500 + 2 × 100
    expect(s.codes.map((c) => `${c.code} ${c.flags}`)).toEqual(['200 -', '503 UF']);
    close(s.codes[0]?.rps, 8);
    close(s.codes[1]?.rps, 2);
    expect(s.summary?.health).toBe('failing');
    expect(s.noTraffic).toBe(false);
    expect(s.charts.cpu.unavailable).toMatch(/not available from this Prometheus/);
  });

  it('workload detail outbound: requests to ratings split by destination, TCP bytes and connections', async () => {
    const s = await fetchSignals(prom, { kind: 'workload', namespace: 'default', name: 'reviews-v1', direction: 'outbound', reporter: 'source', split: true, durationSec: WINDOW, endSec: T_END, scrapeIntervalSec: STEP });
    everyPoint(s.charts.traffic.series, 'ratings → default/ratings-v1', 5);
    everyPoint(s.charts.errors.series, '4xx %', 10);
    everyPoint(s.charts.connections.series, 'opened', 0.5);
    everyPoint(s.charts.connections.series, 'closed', 0.5);
    everyPoint(s.charts.throughput.series, 'TCP received (request)', 1000);
    everyPoint(s.charts.throughput.series, 'TCP sent (response)', 200);
    close(last(s.charts.latency.series, 'p95'), 43.75);
  });

  it('overview: app health counts, rps, error % and mTLS % of the namespace', async () => {
    const o = await fetchOverview(prom, { namespaces: ['default'], durationSec: WINDOW, timeSec: T_END, scrapeIntervalSec: STEP });
    const d = o.namespaces[0];
    // productpage (out 20 % 5xx) and reviews (in 20 % 5xx) failing, ratings degraded, mysqldb TCP only (healthy).
    expect(d?.health).toEqual({ failing: 2, degraded: 1, healthy: 1, idle: 0 });
    close(d?.rps, 15); // 10 into reviews + 5 into ratings
    close(d?.errorPct, (2.5 / 15) * 100);
    close(d?.mtlsPct, (13 / 15) * 100);
    for (const [, v] of d?.traffic ?? []) close(v, 15);
    expect(d?.traffic.length).toBeGreaterThan(50);
  });

  it('an unknown service is a 404, a known one without traffic in the window is not', async () => {
    await expect(fetchSignals(prom, { kind: 'service', namespace: 'default', name: 'nope', direction: 'inbound', reporter: 'source', split: false, durationSec: WINDOW, endSec: T_END, scrapeIntervalSec: STEP }))
      .rejects.toMatchObject({ status: 404 });
    // An hour after the data ends: seen within the lookback, no traffic in the window.
    const later = await fetchSignals(prom, { kind: 'service', namespace: 'default', name: 'reviews', direction: 'inbound', reporter: 'source', split: false, durationSec: WINDOW, endSec: T_END + 3600, scrapeIntervalSec: STEP });
    expect(later.noTraffic).toBe(true);
    expect(later.summary).toBeNull();
  });
});
