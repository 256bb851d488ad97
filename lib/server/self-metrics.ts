/**
 * The dashboard's own metrics (prom-client), served on /api/metrics. The registry lives on
 * globalThis so that Next's module re-evaluation in dev does not register the metrics twice.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BackendName } from './errors';

export interface SelfMetrics {
  registry: Registry;
  backendRequests: Counter<'backend' | 'endpoint' | 'outcome'>;
  backendFailures: Counter<'backend' | 'reason'>;
  backendDuration: Histogram<'backend' | 'endpoint'>;
  cacheLookups: Counter<'backend' | 'result'>;
}

function create(): SelfMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'meshscope_' });
  return {
    registry,
    backendRequests: new Counter({
      name: 'meshscope_backend_requests_total',
      help: 'Requests the dashboard sent to a backend, by outcome (ok, error, timeout, unreachable).',
      labelNames: ['backend', 'endpoint', 'outcome'],
      registers: [registry],
    }),
    backendFailures: new Counter({
      name: 'meshscope_backend_failures_total',
      help: 'Failed backend requests by backend and reason.',
      labelNames: ['backend', 'reason'],
      registers: [registry],
    }),
    backendDuration: new Histogram({
      name: 'meshscope_backend_request_duration_seconds',
      help: 'Duration of backend requests.',
      labelNames: ['backend', 'endpoint'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    cacheLookups: new Counter({
      name: 'meshscope_query_cache_lookups_total',
      help: 'Backend reads answered from the cache (hit), joined to an identical read in flight (coalesced), or sent (miss).',
      labelNames: ['backend', 'result'],
      registers: [registry],
    }),
  };
}

const g = globalThis as typeof globalThis & { __meshscopeSelfMetrics?: SelfMetrics };

export function selfMetrics(): SelfMetrics {
  g.__meshscopeSelfMetrics ??= create();
  return g.__meshscopeSelfMetrics;
}

export function observeBackendCall(backend: BackendName, endpoint: string, outcome: string, durationMs: number): void {
  const m = selfMetrics();
  m.backendRequests.inc({ backend, endpoint, outcome });
  m.backendDuration.observe({ backend, endpoint }, durationMs / 1000);
  if (outcome !== 'ok') m.backendFailures.inc({ backend, reason: outcome });
}
