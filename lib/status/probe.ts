/** Timed probes of one URL each; every failure becomes a ProbeResult with the status and body start. */
import { detectJaegerApi } from '@/lib/jaeger/detect';
import { createPrometheusClient } from '@/lib/prometheus/client';
import { AppError } from '@/lib/server/errors';
import type { ProbeResult } from './types';

const BODY_START = 200;

export async function timed(url: string, run: () => Promise<string | undefined>): Promise<ProbeResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const detail = await run();
    return { url, ok: true, latencyMs: latency(), ...(detail ? { detail } : {}) };
  } catch (err) {
    const e = err instanceof AppError ? err : undefined;
    return {
      url, ok: false, latencyMs: latency(),
      ...(e?.upstreamStatus !== undefined ? { httpStatus: e.upstreamStatus } : {}),
      ...(e?.upstreamBody ? { bodyStart: e.upstreamBody.slice(0, BODY_START) } : {}),
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

/** Prometheus-compatible (Prometheus, Thanos Query, Mimir, VictoriaMetrics): `vector(1)` must evaluate. */
export function probePrometheus(url: string, timeoutMs: number): Promise<ProbeResult> {
  return timed(url, async () => {
    const r = await createPrometheusClient(url, { timeoutMs }).query('vector(1)');
    if (r[0]?.value !== 1) throw new AppError('backend_bad_response', `${url} evaluated vector(1) to ${JSON.stringify(r)}`, { backend: 'prometheus' });
    return 'answers the Prometheus query API (vector(1) = 1)';
  });
}

/** Jaeger (api_v3 or v1) or Tempo, as lib/jaeger's detection sees it. */
export function probeTracing(url: string, timeoutMs: number): Promise<ProbeResult> {
  return timed(url, async () => {
    const info = await detectJaegerApi(url, { timeoutMs });
    return `${info.description}${info.serviceCount !== undefined ? ` — ${info.serviceCount} services` : ''}`;
  });
}

/** Tries the candidates in parallel; `found` is the first in list order that answered. */
export async function probeCandidates(urls: string[], probe: (url: string) => Promise<ProbeResult>): Promise<{ results: ProbeResult[]; found?: string }> {
  const results = await Promise.all(urls.map(probe));
  return { results, found: results.find((r) => r.ok)?.url };
}
