/**
 * The graph against a real Prometheus 2.42 (and VictoriaMetrics) holding known Istio series: the data
 * is written here as OpenMetrics with exact per-second rates, backfilled with promtool, and the graph's
 * rps / percentages / error ratios / quantiles / mTLS % must equal the values computed by hand from
 * those rates. Prometheus's own answers to independent PromQL are checked too (ground truth).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, startVictoriaMetrics, type MetricsEngine } from '../../scripts/stack/prometheus';
import { sampleLine } from '../../scripts/testing/prom-fixture';
import { createPrometheusClient, type PrometheusClient } from '../prometheus/client';
import { parseSampleValue } from '../prometheus/types';
import { httpTransport } from '../prometheus/http-transport';
import { scanVectorAnswer, VectorAnswerReader } from '../prometheus/vector-scan';
import { buildGraphQueries } from './queries';
import { fetchGraph } from './fetch';
import { parseGraphRequest } from './params';
import type { GraphResponse } from './types';

const run = promisify(execFile);

// 10 minutes of samples every 15 s; the graph is evaluated at the last sample over a 5-minute window,
// so both window edges sit on samples and rate() is the exact slope (no extrapolation).
const T0 = 1_790_000_000;
const STEP = 15;
const STEPS = 40;
const T_END = T0 + STEP * STEPS;
const WINDOW = '300s';

type W = { ns: string; name: string; app: string; version: string; sa: string } | undefined;
const gw: W = { ns: 'istio-system', name: 'istio-ingressgateway', app: 'istio-ingressgateway', version: '', sa: 'istio-ingressgateway-service-account' };
const pp: W = { ns: 'default', name: 'productpage-v1', app: 'productpage', version: 'v1', sa: 'bookinfo-productpage' };
const details: W = { ns: 'default', name: 'details-v1', app: 'details', version: 'v1', sa: 'bookinfo-details' };
const r1: W = { ns: 'default', name: 'reviews-v1', app: 'reviews', version: 'v1', sa: 'bookinfo-reviews' };
const r2: W = { ns: 'default', name: 'reviews-v2', app: 'reviews', version: 'v2', sa: 'bookinfo-reviews' };
const ratings: W = { ns: 'default', name: 'ratings-v1', app: 'ratings', version: 'v1', sa: 'bookinfo-ratings' };
const mysql: W = { ns: 'default', name: 'mysqldb-v1', app: 'mysqldb', version: 'v1', sa: 'bookinfo-ratings' };
const xsrc: W = { ns: 'other', name: 'x-v1', app: 'x', version: 'v1', sa: 'x' };
const ydst: W = { ns: 'other', name: 'y-v1', app: 'y', version: 'v1', sa: 'y' };

function peer(prefix: string, w: W): Record<string, string> {
  if (!w) {
    return {
      [`${prefix}_workload`]: 'unknown', [`${prefix}_workload_namespace`]: 'unknown', [`${prefix}_principal`]: 'unknown',
      [`${prefix}_app`]: 'unknown', [`${prefix}_version`]: 'unknown', [`${prefix}_canonical_service`]: 'unknown',
      [`${prefix}_canonical_revision`]: 'latest', [`${prefix}_cluster`]: 'unknown',
    };
  }
  return {
    [`${prefix}_workload`]: w.name, [`${prefix}_workload_namespace`]: w.ns, [`${prefix}_principal`]: `spiffe://cluster.local/ns/${w.ns}/sa/${w.sa}`,
    [`${prefix}_app`]: w.app, [`${prefix}_version`]: w.version || 'unknown', [`${prefix}_canonical_service`]: w.app,
    [`${prefix}_canonical_revision`]: w.version || 'latest', [`${prefix}_cluster`]: 'Kubernetes',
  };
}

interface Stream {
  reporter: 'source' | 'destination';
  src: W;
  dst: W;
  svc: string;
  svcNs?: string;
  code?: string;
  flags?: string;
  policy?: 'mutual_tls' | 'none';
  protocol?: 'http' | 'tcp';
  /** Per-second rate. */
  rate: number;
}

function labels(s: Stream): Record<string, string> {
  const svcNs = s.svcNs ?? 'default';
  return {
    reporter: s.reporter,
    ...peer('source', s.src),
    ...peer('destination', s.dst),
    destination_service: `${s.svc}.${svcNs}.svc.cluster.local`,
    destination_service_name: s.svc,
    destination_service_namespace: svcNs,
    request_protocol: s.protocol ?? 'http',
    ...(s.protocol === 'tcp' ? {} : { response_code: s.code ?? '200' }),
    response_flags: s.flags ?? '-',
    connection_security_policy: s.reporter === 'source' ? 'unknown' : s.policy ?? 'mutual_tls',
  };
}

const BUCKETS = ['0.5', '1', '5', '10', '25', '50', '100', '250', '500', '1000', '2500', '5000', '10000', '30000', '60000', '300000', '600000', '1800000', '3600000', '+Inf'];

function counter(lines: string[], name: string, l: Record<string, string>, rate: number): void {
  for (let i = 0; i <= STEPS; i += 1) lines.push(sampleLine(name, l, rate * STEP * i, T0 + STEP * i));
}

/**
 * Writes the requests counter and a duration histogram for a stream. `dist` gives, per bucket upper
 * bound, the share of requests at or below it (cumulative, ending at 1).
 */
function http(lines: string[], s: Stream, dist: Record<string, number>): void {
  const l = labels(s);
  counter(lines, 'istio_requests_total', l, s.rate);
  for (const le of BUCKETS) {
    const share = le === '+Inf' ? 1 : Object.entries(dist).filter(([b]) => Number(b) <= Number(le)).reduce((m, [, v]) => Math.max(m, v), 0);
    counter(lines, 'istio_request_duration_milliseconds_bucket', { ...l, le }, s.rate * share);
  }
  counter(lines, 'istio_request_duration_milliseconds_count', l, s.rate);
  counter(lines, 'istio_request_duration_milliseconds_sum', l, s.rate * 10);
}

// Every request's latency falls in (5,10] ms unless a stream says otherwise.
const FAST = { '10': 1 };
// 40 % in (5,10], 40 % in (10,25], 20 % in (25,50]: p50 = 13.75, p95 = 43.75, p99 = 48.75 ms.
const GATEWAY_DIST = { '5': 0, '10': 0.4, '25': 0.8, '50': 1 };

function fixture(): string {
  const lines: string[] = ['# TYPE istio_requests counter', '# TYPE istio_request_duration_milliseconds histogram', '# TYPE istio_tcp_sent_bytes counter', '# TYPE istio_tcp_received_bytes counter'];
  const both = (s: Omit<Stream, 'reporter'>, dist: Record<string, number> = FAST, destDist: Record<string, number> = FAST) => {
    http(lines, { ...s, reporter: 'source' }, dist);
    http(lines, { ...s, reporter: 'destination' }, destDist);
  };
  // Ingress gateway → productpage 10 rps; the gateway reports only as a source.
  http(lines, { reporter: 'source', src: gw, dst: pp, svc: 'productpage', rate: 10 }, GATEWAY_DIST);
  http(lines, { reporter: 'destination', src: gw, dst: pp, svc: 'productpage', rate: 10 }, FAST);
  // productpage → details: 8.5 × 200 (mTLS) + 1.5 × 404 (plaintext): 15 % 4xx → degraded, 85 % mTLS.
  both({ src: pp, dst: details, svc: 'details', rate: 8.5 });
  http(lines, { reporter: 'source', src: pp, dst: details, svc: 'details', code: '404', rate: 1.5 }, FAST);
  http(lines, { reporter: 'destination', src: pp, dst: details, svc: 'details', code: '404', policy: 'none', rate: 1.5 }, FAST);
  // Canary: reviews-v1 9 rps, reviews-v2 1 rps.
  both({ src: pp, dst: r1, svc: 'reviews', rate: 9 });
  both({ src: pp, dst: r2, svc: 'reviews', rate: 1 });
  // reviews-v2 → ratings: 0.5 rps reached ratings, 0.5 rps aborted by the caller's proxy (source only).
  both({ src: r2, dst: ratings, svc: 'ratings', rate: 0.5 });
  http(lines, { reporter: 'source', src: r2, dst: undefined, svc: 'ratings', code: '503', flags: 'FI', rate: 0.5 }, { '0.5': 1 });
  // An out-of-mesh client → ratings, plaintext: only the destination reports.
  http(lines, { reporter: 'destination', src: undefined, dst: ratings, svc: 'ratings', policy: 'none', rate: 2 }, FAST);
  // TCP reviews-v1 → mysqldb: the caller sends 1000 B/s (istio_tcp_received_bytes_total), gets 200 B/s back.
  for (const reporter of ['source', 'destination'] as const) {
    const l = labels({ reporter, src: r1, dst: mysql, svc: 'mysqldb', protocol: 'tcp', rate: 0 });
    counter(lines, 'istio_tcp_received_bytes_total', l, 1000);
    counter(lines, 'istio_tcp_sent_bytes_total', l, 200);
  }
  // Traffic in another namespace, not selected in most tests.
  both({ src: xsrc, dst: ydst, svc: 'y', svcNs: 'other', rate: 3 });
  lines.push('# EOF');
  return lines.join('\n');
}

const ENGINE_PORTS = { prometheus: 17331, 'victoria-metrics': 17332 } as const;

async function startWithData(kind: 'prometheus' | 'victoria-metrics', text: string): Promise<{ engine: MetricsEngine; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-graph-'));
  if (kind === 'prometheus') {
    const input = path.join(dir, 'input.om');
    writeFileSync(input, `${text}\n`);
    await run(process.env.PROMTOOL_BIN ?? 'promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, path.join(dir, 'data')], { maxBuffer: 64 * 1024 * 1024 });
    const engine = await startPrometheus({ port: ENGINE_PORTS.prometheus, dataDir: path.join(dir, 'data'), retention: '100y' });
    return { engine, dir };
  }
  const engine = await startVictoriaMetrics({ port: ENGINE_PORTS['victoria-metrics'], dataDir: path.join(dir, 'data') });
  const body = text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
    const cut = l.lastIndexOf(' ');
    return `${l.slice(0, cut)} ${Number(l.slice(cut + 1)) * 1000}`;
  }).join('\n');
  const res = await fetch(`${engine.url}/api/v1/import/prometheus`, { method: 'POST', body });
  if (!res.ok) throw new Error(`import failed: ${res.status}`);
  await fetch(`${engine.url}/internal/force_flush`);
  return { engine, dir };
}

const text = fixture();

describe.each(['prometheus', 'victoria-metrics'] as const)('graph on %s with known Istio series', (kind) => {
  let engine: MetricsEngine | undefined;
  let dir = '';
  let client: PrometheusClient;
  let queries = 0;
  const graph = (q: string): Promise<GraphResponse> =>
    fetchGraph(client, parseGraphRequest(new URLSearchParams(`${q}&duration=${WINDOW}&queryTime=${T_END}`)), { defaultTimeSec: T_END, scrapeIntervalSec: STEP });

  beforeAll(async () => {
    ({ engine, dir } = await startWithData(kind, text));
    const inner = createPrometheusClient(engine.url, { timeoutMs: 30_000 });
    client = { ...inner, query: (q, o) => { queries += 1; return inner.query(q, o); } };
  });
  afterAll(async () => {
    await engine?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const edge = (g: GraphResponse, s: string, t: string, protocol = 'http') => {
    const e = g.edges.find((x) => x.source === s && x.target === t && x.protocol === protocol);
    if (!e) throw new Error(`no edge ${s} → ${t} among ${g.edges.map((x) => `${x.source}→${x.target}`).join(', ')}`);
    return e;
  };

  it('versioned-app graph: each request counted once, the canary 90/10, exact error ratios and health', async () => {
    const g = await graph('namespaces=default&graphType=versionedApp');
    // gateway → productpage: 10 rps (source reporter only), not 20
    expect(edge(g, 'vapp:istio-system:istio-ingressgateway:', 'svc:default:productpage').rps).toBeCloseTo(10, 9);
    const v1 = edge(g, 'svc:default:reviews', 'vapp:default:reviews:v1');
    const v2 = edge(g, 'svc:default:reviews', 'vapp:default:reviews:v2');
    expect(v1.rps).toBeCloseTo(9, 9);
    expect(v2.rps).toBeCloseTo(1, 9);
    expect(v1.percentOfSource).toBeCloseTo(90, 9);
    expect(v2.percentOfSource).toBeCloseTo(10, 9);
    const det = edge(g, 'vapp:default:productpage:v1', 'svc:default:details');
    expect(det.rps).toBeCloseTo(10, 9);
    expect(det.errorRate).toBeCloseTo(0.15, 9);
    expect(det.health).toBe('degraded');
    expect(det.mtlsPercent).toBeCloseTo(85, 9);
    // productpage's outbound: 10 details + 10 reviews → details is 50 %
    expect(det.percentOfSource).toBeCloseTo(50, 9);
    const abort = edge(g, 'vapp:default:reviews:v2', 'svc:default:ratings');
    expect(abort.rps).toBeCloseTo(1, 9);
    expect(abort.errorRate).toBeCloseTo(0.5, 9);
    expect(abort.responses.find((r) => r.code === '503' && r.flag === 'FI')?.rps).toBeCloseTo(0.5, 9);
    expect(abort.responses.filter((r) => r.code === '503').length).toBe(1);
    expect(abort.health).toBe('failing');
    expect(edge(g, 'svc:default:ratings', 'vapp:default:ratings:v1').rps).toBeCloseTo(0.5 + 2, 9);
  });

  it('locks, partial and plaintext mTLS from the destination reporter; the unknown client', async () => {
    const g = await graph('namespaces=default');
    expect(edge(g, 'vapp:istio-system:istio-ingressgateway:', 'svc:default:productpage').mtlsPercent).toBe(100);
    expect(edge(g, 'vapp:default:productpage:v1', 'svc:default:reviews').mtlsPercent).toBe(100);
    const client = edge(g, 'unknown', 'svc:default:ratings');
    expect(client.rps).toBeCloseTo(2, 9);
    expect(client.mtlsPercent).toBe(0);
    // ratings service: 0.5 mTLS from reviews-v2 + 2 plaintext from the client → 20 % on the hop into ratings-v1
    expect(edge(g, 'svc:default:ratings', 'vapp:default:ratings:v1').mtlsPercent).toBeCloseTo(20, 9);
    expect(g.nodes.find((n) => n.id === 'unknown')?.nodeType).toBe('unknown');
    expect(g.nodes.find((n) => n.id === 'vapp:istio-system:istio-ingressgateway:')).toMatchObject({ isGateway: 'ingress', isOutside: true, isRoot: true });
  });

  it('response-time quantiles equal hand-computed values and Prometheus own histogram_quantile', async () => {
    const g = await graph('namespaces=default');
    const e = edge(g, 'vapp:istio-system:istio-ingressgateway:', 'svc:default:productpage');
    expect(e.p50).toBeCloseTo(13.75, 6);
    expect(e.p95).toBeCloseTo(43.75, 6);
    expect(e.p99).toBeCloseTo(48.75, 6);
    const [truth] = await client.query(
      `histogram_quantile(0.95, sum(rate(istio_request_duration_milliseconds_bucket{reporter="source",source_workload="istio-ingressgateway"}[${WINDOW}])) by (le))`,
      { timeSec: T_END },
    );
    expect(e.p95).toBeCloseTo(truth?.value ?? Number.NaN, 6);
    // The edge into the reviews service aggregates both versions: all in (5,10] → p50 = 7.5
    expect(edge(g, 'vapp:default:productpage:v1', 'svc:default:reviews').p50).toBeCloseTo(7.5, 6);
  });

  it('agrees with independently queried PromQL ground truth for every in-mesh edge', async () => {
    const g = await graph('namespaces=default&graphType=workload&injectServiceNodes=false');
    const truth = await client.query(
      `sum(rate(istio_requests_total{reporter="source",destination_workload!="unknown"}[${WINDOW}])) by (source_workload,destination_workload)`,
      { timeSec: T_END },
    );
    const inDefault = truth.filter((t) => t.metric.source_workload !== 'x-v1');
    // gateway→productpage, productpage→details, →reviews-v1, →reviews-v2, reviews-v2→ratings-v1
    expect(inDefault.length).toBe(5);
    for (const t of inDefault) {
      const srcNs = t.metric.source_workload === 'istio-ingressgateway' ? 'istio-system' : 'default';
      const e = edge(g, `wl:${srcNs}:${t.metric.source_workload}`, `wl:default:${t.metric.destination_workload}`);
      expect(Math.abs(e.rps - t.value) / t.value).toBeLessThan(0.001);
    }
  });

  it('TCP bytes per second in both directions', async () => {
    const g = await graph('namespaces=default&graphType=workload&injectServiceNodes=false');
    const e = edge(g, 'wl:default:reviews-v1', 'wl:default:mysqldb-v1', 'tcp');
    expect(e.tcpSentBps).toBeCloseTo(1000, 6);
    expect(e.tcpReceivedBps).toBeCloseTo(200, 6);
    expect(e.rps).toBeCloseTo(1200, 6);
    expect(e.mtlsPercent).toBe(100);
  });

  it('service graph keeps response time on service-to-service edges', async () => {
    const g = await graph('namespaces=default&graphType=service');
    const e = edge(g, 'svc:default:productpage', 'svc:default:reviews');
    expect(e.rps).toBeCloseTo(10, 9);
    expect(e.p50).toBeCloseTo(7.5, 6);
    expect(edge(g, 'svc:default:reviews', 'svc:default:ratings').errorRate).toBeCloseTo(0.5, 9);
  });

  it('several namespaces with the same five queries; unselected namespaces stay out', async () => {
    const only = await graph('namespaces=default');
    expect(only.nodes.some((n) => n.namespace === 'other')).toBe(false);
    const before = queries;
    const both = await graph('namespaces=default,other');
    expect(queries - before).toBe(5);
    expect(edge(both, 'svc:other:y', 'vapp:other:y:v1').rps).toBeCloseTo(3, 9);
    expect(both.nodes.find((n) => n.id === 'vapp:other:x:v1')?.isOutside).toBeUndefined();
  });

  it("the client reads the engine's answers from their bytes exactly as JSON.parse reads them", async () => {
    const { durationBuckets, requests } = buildGraphQueries({ namespaces: ['default', 'other'], durationSec: 300, idleEdges: false });
    const escapes = 'label_replace(label_replace(vector(1), "q", "a\\"b\\\\c", "", ""), "u", "naïve ☃", "", "")';
    // VictoriaMetrics leaves NaN samples out of its answers; Prometheus sends them as "NaN".
    const nan = kind === 'prometheus' ? ['vector(0) / 0'] : [];
    // Every Istio series with all its labels: an answer of several socket reads, read as they arrive.
    const everything = '{__name__=~"istio_.+"}';
    for (const promql of [durationBuckets, requests, escapes, ...nan, 'sum(rate(istio_requests_total[300s])) by (response_code) * 1e-9', everything]) {
      const raw = await fetch(`${engine?.url}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query: promql, time: String(T_END) }) });
      const body = Buffer.from(await raw.arrayBuffer());
      if (promql === everything) {
        expect(body.length, 'an answer bigger than one socket read').toBeGreaterThan(256 * 1024);
        // Read piece by piece as the client's transport delivers it, the reader accepts it.
        const reader = new VectorAnswerReader();
        let pieces = 0;
        const res = await httpTransport(`${engine?.url}/api/v1/query`, {
          method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-encoding': 'identity' },
          body: new URLSearchParams({ query: promql, time: String(T_END) }).toString(), signal: AbortSignal.timeout(30_000),
          onBodyChunk: (chunk) => { pieces += 1; reader.push(chunk); },
        });
        expect(res.bodyStreamed).toBe(true);
        expect(pieces).toBeGreaterThan(1);
        expect(reader.end()?.length).toBe(scanVectorAnswer(body)?.length);
      }
      const parsed = (JSON.parse(body.toString('utf8')) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } }).data.result;
      // The engine's bytes are read by the scan, not left to the general path …
      expect(scanVectorAnswer(body), `${kind} answer to ${promql.slice(0, 60)}`).toBeDefined();
      // … and give what JSON.parse gives, NaN and label escapes included.
      const samples = await client.query(promql, { timeSec: T_END });
      expect(samples.length).toBe(parsed.length);
      expect(samples.length, `${kind} answer to ${promql.slice(0, 60)}`).toBeGreaterThan(0);
      samples.forEach((s, i) => {
        const p = parsed[i];
        expect(Object.entries(s.metric)).toEqual(Object.entries(p?.metric ?? {}));
        expect(Object.is(s.value, parseSampleValue(p?.value[1] ?? ''))).toBe(true);
        expect(s.timestampSec).toBe(p?.value[0]);
      });
    }
  });

  it('an empty namespace gives an empty graph with an explanation', async () => {
    const g = await graph('namespaces=nothing-here');
    expect(g.edges).toEqual([]);
    expect(g.warnings.join(' ')).toContain('No traffic in nothing-here');
  });
});
