/** Readiness of the dashboard: it is useful only when Prometheus answers. */
import { createPrometheusClient } from '../prometheus/client';
import { getServerConfig } from './config';

export interface Readiness {
  ready: boolean;
  prometheus: { url: string; ok: boolean; latencyMs: number; error?: string };
}

export async function checkPrometheusReady(timeoutMs = 3000): Promise<Readiness> {
  const { prometheus } = getServerConfig();
  const client = createPrometheusClient(prometheus.url, { timeoutMs });
  const started = performance.now();
  try {
    await client.query('vector(1)');
    return { ready: true, prometheus: { url: prometheus.url, ok: true, latencyMs: Math.round(performance.now() - started) } };
  } catch (err) {
    return {
      ready: false,
      prometheus: { url: prometheus.url, ok: false, latencyMs: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) },
    };
  }
}
