/**
 * Scale benchmarks (issue 9). Each starts and stops its own stack (simulator, real Prometheus, the
 * built dashboard) on the E2E slot's ports + 5 (bench/scale/stack.ts).
 *  - viewers50_backend_query_ratio: 50 viewers polling the same graph every 5 s vs one viewer, as
 *    queries answered by Prometheus (its own prometheus_http_requests_total; the dashboard's
 *    self-metrics are printed beside it). Target ≤ 1.2.
 *  - graph_p99_ms_warm: p99 of /api/graph during the 50-viewer run, after the first round. < 200 ms.
 *  - graph_overhead_ratio_100 / _1000: /api/graph time ÷ time of its PromQL queries sent straight to
 *    Prometheus (same PromQL, sent as /api/graph sends it — the 5 graph queries and the security
 *    badges' 2 in one parallel round — same evaluation time, same namespaces), synthetic mesh of
 *    100 / 1,000 workloads, cache off (QUERY_CACHE_TTL_MS=1) and a distinct evaluation time per pair,
 *    so neither side is answered from a cache. Median of the ratios of interleaved pairs (480 pairs
 *    at 100 workloads, 60 at 1,000; OVERHEAD_PAIRS=n for another count). Target ≤ 1.1.
 *  - soak_rss_growth_pct: the demo stack and 20 viewers for SOAK_SECONDS (default 600): growth of the
 *    dashboard's RSS from just after warm-up to the end; any error response fails the benchmark.
 * BENCH_LOAD_SECONDS (default 60) sets the length of each viewer phase.
 */
import { availableParallelism, loadavg } from 'node:os';
import { buildGraphQueries } from '../lib/graph/queries';
import { prometheusQueryHeaders, type PrometheusCompression } from '../lib/prometheus/client';
import { buildObservedQueries } from '../lib/security/observed';
import type { GraphResponse } from '../lib/graph/types';
import { dashboardCounts, diffCounts, median, percentile, processGroupCpuMs, processGroupRssBytes, prometheusQueriesServed, runViewers, sleep } from './scale/load';
import { startBenchStack, syntheticSizeFor, type BenchStack } from './scale/stack';
import type { Benchmark } from './types';

const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const POLL_MS = 5000;
/** The machine is shared: say how busy it was, since every latency here depends on it. */
const loadAverage = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${availableParallelism()} cores`;
/** The dashboard's default QUERY_TIME_QUANTUM_MS. */
const QUANTUM_MS = 5000;

async function waitForGraph(url: string | (() => string), timeoutMs = 120_000): Promise<GraphResponse> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await fetch(typeof url === 'string' ? url : url(), { signal: AbortSignal.timeout(60_000) }).catch((err: unknown) => err as Error);
    if (res instanceof Response) {
      const text = await res.text();
      if (res.ok) {
        const g = JSON.parse(text) as GraphResponse;
        if (g.edges.length > 0) return g;
        last = 'no edges yet';
      } else last = `HTTP ${res.status} ${text.slice(0, 200)}`;
    } else last = res.message;
    await sleep(1000);
  }
  throw new Error(`the graph never had traffic: ${last}`);
}

interface ViewerBench {
  ratio: number;
  p99: number;
}

let viewerBench: Promise<ViewerBench> | undefined;

async function measureViewers(): Promise<ViewerBench> {
  const stack = await startBenchStack({ rps: 10, scrapeIntervalSec: 5 });
  try {
    const url = `${stack.app.url}/api/graph?namespaces=default&graphType=versionedApp&duration=60s`;
    await waitForGraph(url);
    const durationMs = LOAD_SECONDS * 1000;

    // Each phase starts in a time quantum of its own, so neither reuses what the other cached.
    const nextQuantum = () => sleep(QUANTUM_MS + 500);
    await nextQuantum();
    const p0 = await prometheusQueriesServed(stack.prometheus.url);
    const s0 = await dashboardCounts(stack.app.url);
    const one = await runViewers({ urls: [url], viewers: 1, intervalMs: POLL_MS, durationMs });
    const p1 = await prometheusQueriesServed(stack.prometheus.url);
    const s1 = await dashboardCounts(stack.app.url);
    await nextQuantum();
    const many = await runViewers({ urls: [url], viewers: 50, intervalMs: POLL_MS, durationMs, warmMs: POLL_MS });
    const p2 = await prometheusQueriesServed(stack.prometheus.url);
    const s2 = await dashboardCounts(stack.app.url);

    const oneQ = p1 - p0;
    const manyQ = p2 - p1;
    const d1 = diffCounts(s0, s1);
    const d50 = diffCounts(s1, s2);
    console.log(`\n  1 viewer: ${one.requests} graph requests, ${oneQ} queries at Prometheus (self-metrics: ${d1.backendCalls} calls, ${d1.misses} misses, ${d1.hits} hits, ${d1.coalesced} coalesced)`);
    console.log(`  50 viewers: ${many.requests} graph requests, ${manyQ} queries at Prometheus (self-metrics: ${d50.backendCalls} calls, ${d50.misses} misses, ${d50.hits} hits, ${d50.coalesced} coalesced), ${many.errors} errors`);
    const lat = many.latenciesMs;
    console.log(`  /api/graph under 50 viewers, warm (${lat.length} requests): p50 ${median(lat).toFixed(1)} ms, p95 ${percentile(lat, 95).toFixed(1)} ms, p99 ${percentile(lat, 99).toFixed(1)} ms, max ${Math.max(...lat).toFixed(1)} ms; ${loadAverage()}`);
    if (one.errors + many.errors > 0) throw new Error(`error responses under load: ${[...one.errorSamples, ...many.errorSamples].join(' | ')}`);
    if (oneQ <= 0) throw new Error('one viewer caused no Prometheus queries: nothing to compare with');
    return { ratio: manyQ / oneQ, p99: percentile(lat, 99) };
  } finally {
    await stack.stop();
  }
}

const viewers = () => (viewerBench ??= measureViewers());

async function rawRound(promUrl: string, queries: string[], timeSec: number): Promise<void> {
  await Promise.all(queries.map(async (query) => {
    const res = await fetch(`${promUrl}/api/v1/query`, {
      method: 'POST',
      // As the dashboard's client sends them (the app inherits PROMETHEUS_COMPRESSION from this process).
      headers: prometheusQueryHeaders(promUrl, (process.env.PROMETHEUS_COMPRESSION || 'auto') as PrometheusCompression),
      body: new URLSearchParams({ query, time: String(timeSec) }).toString(),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Prometheus answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  }));
}

function pauseSimulator(stack: BenchStack, pause: boolean): void {
  const pid = stack.sim.process.child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, pause ? 'SIGSTOP' : 'SIGCONT');
  } catch {
    /* already gone */
  }
}

async function measureOverhead(targetWorkloads: number): Promise<number> {
  const nsCount = targetWorkloads >= 1000 ? 20 : 5;
  const size = syntheticSizeFor(targetWorkloads, nsCount);
  const width = String(nsCount).length;
  const namespaces = Array.from({ length: nsCount }, (_, i) => `mesh-${String(i + 1).padStart(width, '0')}`);
  const durationSec = 60;
  const stack: BenchStack = await startBenchStack({
    rps: 40,
    scrapeIntervalSec: 5,
    synthetic: size,
    appEnv: { QUERY_CACHE_TTL_MS: '1', QUERY_TIME_QUANTUM_MS: '1000', PROMETHEUS_TIMEOUT_MS: '60000' },
  });
  try {
    const graphUrl = (t: number) => `${stack.app.url}/api/graph?namespaces=${namespaces.join(',')}&graphType=versionedApp&duration=${durationSec}s&queryTime=${t}`;
    // Single pairs vary by ±40 % on a shared 2-core machine (per-pair ratios from p10 0.7 to p90 1.8 at
    // 100 workloads), so the median of 60 pairs is only good to about ±0.05 (six runs of 60 on one
    // build read 1.02–1.16) and of 180 to about ±0.03 (runs of 180 on one build read 1.136–1.18 on a
    // noisy day); 480 pairs take ~2.5 min at ~0.3 s a pair. More do not settle one run: six runs of 480
    // read 1.045–1.124 and three of 960 read 1.023–1.105 (all nine: mean 1.078, SD 0.03).
    // What moves a run is the run itself (a fresh stack, and how Prometheus and the dashboard share
    // the 2 cores), so compare the means of several runs. At 1,000 workloads (~1 s a pair, and a
    // narrower spread) 60 do. OVERHEAD_PAIRS overrides both.
    // The pairs span the same 30 s of evaluation time at both sizes.
    const iterations = Number(process.env.OVERHEAD_PAIRS ?? (targetWorkloads >= 1000 ? 60 : 480));
    const stepSec = 30 / iterations;
    // The dashboard has just started: its first requests run code V8 has not optimized yet (the
    // server's work after the last answer took 10–40 ms in the first ~20 requests and 3–10 ms after).
    // A dashboard serves graphs all day, so the pairs measure it warm, as graph_build_ms_1000 does.
    const warmUpPairs = 20;
    const started = Date.now();
    await waitForGraph(() => graphUrl(Math.floor(Date.now() / 1000)));
    // A full window of data behind the first evaluation times (as since the first version of this
    // benchmark: the pairs go back 30 s in all, so the last ones see up to 15 s less; both halves of
    // a pair see the same). Waiting until every pair has a full window measured 1.24–1.29 instead
    // of ~1.02 at 100 workloads on the same build: unexplained, and reported as such.
    const fill = durationSec * 1000 + 15_000 - (Date.now() - started);
    if (fill > 0) await sleep(fill);
    // What /api/graph sends: the five graph queries and the security badges' two (lib/security, at
    // the graph's evaluation time), all in one parallel round.
    const graphQueries = Object.values(buildGraphQueries({ namespaces, durationSec, idleEdges: false }));
    const security = buildObservedQueries(namespaces, durationSec);
    const securityQueries = [security.http, security.tcp];
    const t0 = Math.floor(Date.now() / 1000) - 1;
    // The data needed is in Prometheus now: pause the simulator (it would burn CPU on the shared
    // machine during the measurement). Evaluation times are all before the pause.
    await sleep(1000);
    pauseSimulator(stack, true);
    const api: number[] = [];
    const raw: number[] = [];
    let graph: GraphResponse | undefined;
    const pgid = stack.app.process.child.pid ?? 0;
    let appCpuMs = 0;
    for (let i = -warmUpPairs; i < iterations; i += 1) {
      // A distinct evaluation time for every measured pair (the warm-up pairs reuse the first ones:
      // with the cache off, nothing is kept from one request to the next).
      const t = Math.round((t0 - 2 - stepSec * (i < 0 ? i + warmUpPairs : i)) * 1000) / 1000;
      const timeApi = async () => {
        const cpu0 = processGroupCpuMs(pgid);
        const a = performance.now();
        const res = await fetch(graphUrl(t));
        const text = await res.text();
        const ms = performance.now() - a;
        if (i >= 0) appCpuMs += processGroupCpuMs(pgid) - cpu0;
        if (!res.ok) throw new Error(`/api/graph answered HTTP ${res.status}: ${text.slice(0, 200)}`);
        graph = JSON.parse(text) as GraphResponse;
        return ms;
      };
      const timeRaw = async () => {
        const a = performance.now();
        await rawRound(stack.prometheus.url, [...graphQueries, ...securityQueries], t);
        return performance.now() - a;
      };
      let msApi: number;
      let msRaw: number;
      if (i % 2 === 0) {
        msApi = await timeApi();
        msRaw = await timeRaw();
      } else {
        msRaw = await timeRaw();
        msApi = await timeApi();
      }
      if (i >= 0) {
        api.push(msApi);
        raw.push(msRaw);
      }
    }
    const nodes = graph?.nodes.filter((n) => n.nodeType !== 'service').length ?? 0;
    console.log(`\n  synthetic mesh: ${size.workloads} workloads in ${nsCount} namespaces (${size.services} services); graph: ${graph?.nodes.length} nodes (${nodes} non-service), ${graph?.edges.length} edges`);
    // Each pair ran back to back under the same conditions (the machine is shared): the median of the
    // per-pair ratios is robust to slow periods that hit both halves of a pair.
    const ratios = api.map((a, i) => a / (raw[i] as number));
    console.log(`  /api/graph median ${median(api).toFixed(1)} ms (p90 ${percentile(api, 90).toFixed(1)}), raw queries (5 + 2) median ${median(raw).toFixed(1)} ms (p90 ${percentile(raw, 90).toFixed(1)}), ${iterations} interleaved pairs after ${warmUpPairs} warm-up pairs`);
    console.log(`  median of per-pair differences (API − raw) ${median(api.map((a, i) => a - (raw[i] as number))).toFixed(1)} ms; ${loadAverage()}`);
    console.log(`  ratio of medians ${(median(api) / median(raw)).toFixed(3)}, median of per-pair ratios ${median(ratios).toFixed(3)} (p10 ${percentile(ratios, 10).toFixed(3)}, p90 ${percentile(ratios, 90).toFixed(3)})`);
    // What the ratio would be on an idle machine: the server's own CPU per graph on top of the raw time.
    const cpuPerGraph = appCpuMs / iterations;
    console.log(`  the dashboard's CPU per graph request ${cpuPerGraph.toFixed(0)} ms (whole process, from /proc): on an idle machine ≈ ${((median(raw) + cpuPerGraph) / median(raw)).toFixed(3)} × raw`);
    return median(ratios);
  } finally {
    pauseSimulator(stack, false);
    await stack.stop();
  }
}

async function measureSoak(): Promise<number> {
  const stack = await startBenchStack({ rps: 10, scrapeIntervalSec: 5 });
  try {
    const base = stack.app.url;
    const urls = [
      `${base}/api/graph?namespaces=default&graphType=versionedApp&duration=60s`,
      `${base}/api/graph?namespaces=default&graphType=workload&duration=300s`,
      `${base}/api/graph?namespaces=default,istio-system&graphType=app&duration=60s`,
      `${base}/api/namespaces`,
    ];
    await waitForGraph(urls[0] as string);
    const pgid = stack.app.process.child.pid;
    if (pgid === undefined) throw new Error('no pid for the dashboard');
    const totalMs = SOAK_SECONDS * 1000;
    const warmMs = Math.max(10_000, totalMs * 0.1);
    const samples: Array<{ at: number; rss: number }> = [];
    const t0 = performance.now();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        samples.push({ at: performance.now() - t0, rss: processGroupRssBytes(pgid) });
        await sleep(2000);
      }
    })();
    const load = await runViewers({ urls, viewers: 20, intervalMs: POLL_MS, durationMs: totalMs });
    sampling = false;
    await sampler;
    const window = Math.max(10_000, totalMs * 0.1);
    const startRss = median(samples.filter((s) => s.at >= warmMs && s.at < warmMs + window).map((s) => s.rss));
    const endRss = median(samples.filter((s) => s.at >= totalMs - window).map((s) => s.rss));
    const growth = ((endRss - startRss) / startRss) * 100;
    const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
    console.log(`\n  soak ${SOAK_SECONDS} s, 20 viewers: ${load.requests} requests, ${load.errors} errors; RSS after warm-up ${mb(startRss)} MiB → end ${mb(endRss)} MiB (max ${mb(Math.max(...samples.map((s) => s.rss)))} MiB), p99 ${percentile(load.latenciesMs, 99).toFixed(1)} ms; ${loadAverage()}`);
    if (load.errors > 0) throw new Error(`${load.errors} error responses during the soak (RSS growth ${growth.toFixed(2)} %): ${load.errorSamples.join(' | ')}`);
    return growth;
  } finally {
    await stack.stop();
  }
}

export const benchmarks: Benchmark[] = [
  { name: 'viewers50_backend_query_ratio', unit: 'ratio', target: 1.2, better: 'lower', run: async () => (await viewers()).ratio },
  { name: 'graph_p99_ms_warm', unit: 'ms', target: 200, better: 'lower', run: async () => (await viewers()).p99 },
  { name: 'graph_overhead_ratio_100', unit: 'ratio', target: 1.1, better: 'lower', run: () => measureOverhead(100) },
  { name: 'graph_overhead_ratio_1000', unit: 'ratio', target: 1.1, better: 'lower', run: () => measureOverhead(1000) },
  { name: 'soak_rss_growth_pct', unit: '%', target: 10, better: 'lower', run: measureSoak },
];
