/**
 * Load helpers for the scale benchmarks: simulated viewers polling an URL, percentiles, the backend
 * query counts (Prometheus's own request counter and the dashboard's self-metrics), and the RSS of a
 * process group read from /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p % of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export const median = (values: number[]) => percentile(values, 50);

/** Sums the samples of `metric` in a Prometheus text exposition whose labels satisfy `match`. */
export function sumMetric(text: string, metric: string, match: (labels: string) => boolean = () => true): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric} `)) continue;
    const close = line.lastIndexOf('}');
    const labels = close > 0 ? line.slice(metric.length + 1, close) : '';
    if (!match(labels)) continue;
    total += Number(line.slice((close > 0 ? close : metric.length) + 1).trim().split(' ')[0]);
  }
  return total;
}

async function metricsText(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return res.text();
}

/** Queries Prometheus itself has answered (instant + range), from its own /metrics: the ground truth. */
export async function prometheusQueriesServed(promUrl: string): Promise<number> {
  const text = await metricsText(`${promUrl}/metrics`);
  return sumMetric(text, 'prometheus_http_requests_total', (l) => /handler="\/api\/v1\/query(_range)?"/.test(l));
}

export interface SelfMetricCounts {
  backendCalls: number;
  hits: number;
  misses: number;
  coalesced: number;
}

/** The dashboard's own view: Prometheus calls sent, and cache lookups by result. */
export async function dashboardCounts(appUrl: string): Promise<SelfMetricCounts> {
  const text = await metricsText(`${appUrl}/api/metrics`);
  const lookups = (result: string) => sumMetric(text, 'meshscope_query_cache_lookups_total', (l) => l.includes('backend="prometheus"') && l.includes(`result="${result}"`));
  return {
    backendCalls: sumMetric(text, 'meshscope_backend_requests_total', (l) => l.includes('backend="prometheus"')),
    hits: lookups('hit'),
    misses: lookups('miss'),
    coalesced: lookups('coalesced'),
  };
}

export function diffCounts(a: SelfMetricCounts, b: SelfMetricCounts): SelfMetricCounts {
  return { backendCalls: b.backendCalls - a.backendCalls, hits: b.hits - a.hits, misses: b.misses - a.misses, coalesced: b.coalesced - a.coalesced };
}

/** Resident memory of every process in the process group `pgid` (a managed child and its children). */
export function processGroupRssBytes(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // field 5 of stat: process group id
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      if (kb) total += Number(kb) * 1024;
    } catch {
      /* the process ended while we looked */
    }
  }
  return total;
}

/** CPU time (user + system, ms) used so far by every process in the process group `pgid`. */
export function processGroupCpuMs(pgid: number): number {
  const ticksPerSec = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      /* the process ended while we looked */
    }
  }
  return (ticks / ticksPerSec) * 1000;
}

export interface ViewerOptions {
  /** Every viewer polls one of these URLs (viewer i takes urls[i % urls.length]) … */
  urls: string[];
  viewers: number;
  intervalMs: number;
  durationMs: number;
  /** Requests that start before this (ms after the start) are not counted in `latenciesMs`. */
  warmMs?: number;
  /** Called for each answer. */
  onAnswer?: (status: number, ms: number) => void;
}

export interface ViewerResult {
  requests: number;
  /** Non-2xx answers and failed requests, with a sample of what went wrong. */
  errors: number;
  errorSamples: string[];
  /** Latency of every request that started after warm-up, ms (full body read). */
  latenciesMs: number[];
}

/**
 * `viewers` browsers polling on a fixed schedule (like react-query's refetchInterval), each starting
 * at a random offset inside the first interval, for `durationMs`.
 */
export async function runViewers(options: ViewerOptions): Promise<ViewerResult> {
  const result: ViewerResult = { requests: 0, errors: 0, errorSamples: [], latenciesMs: [] };
  const start = performance.now();
  const viewer = async (i: number) => {
    const url = options.urls[i % options.urls.length] as string;
    const offset = Math.random() * options.intervalMs;
    for (let k = 0; ; k += 1) {
      const due = start + offset + k * options.intervalMs;
      if (due - start >= options.durationMs) return;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const t0 = performance.now();
      let status = 0;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
        status = res.status;
        const body = await res.text();
        if (!res.ok && result.errorSamples.length < 5) result.errorSamples.push(`HTTP ${res.status}: ${body.slice(0, 200)}`);
      } catch (err) {
        if (result.errorSamples.length < 5) result.errorSamples.push(err instanceof Error ? err.message : String(err));
      }
      const ms = performance.now() - t0;
      result.requests += 1;
      if (status < 200 || status >= 300) result.errors += 1;
      if (t0 - start >= (options.warmMs ?? 0)) result.latenciesMs.push(ms);
      options.onAnswer?.(status, ms);
    }
  };
  await Promise.all(Array.from({ length: options.viewers }, (_, i) => viewer(i)));
  return result;
}
