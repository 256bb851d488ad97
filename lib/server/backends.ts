/**
 * The server's backend clients, built once from the configuration, instrumented with self-metrics
 * and put behind the coalescing cache. Route handlers get clients from here, never construct them.
 */
import { DirectoryConfigSource, type ConfigSource } from '../istio/config-source';
import { serverKubernetesConfigSource } from '../kube/config-source';
import { createPrometheusClient, type PrometheusClient } from '../prometheus/client';
import { cachedJaeger } from '../jaeger/cached';
import { createJaegerClient, type JaegerClient } from '../jaeger/client';
import { getServerConfig, type ServerConfig } from './config';
import { createQueryCache, type QueryCache } from './query-cache';
import { observeBackendCall, selfMetrics } from './self-metrics';

export interface CachedPrometheus extends PrometheusClient {
  /**
   * The evaluation time instant queries use when none is given: now, rounded down to the time
   * quantum, so that every viewer polling in the same quantum asks the identical query and the
   * cache answers all but the first.
   */
  defaultTimeSec(): number;
}

export function cachedPrometheus(inner: PrometheusClient, cache: QueryCache, quantumMs: number, now: () => number = Date.now): CachedPrometheus {
  const defaultTimeSec = () => (Math.floor(now() / quantumMs) * quantumMs) / 1000;
  return {
    baseUrl: inner.baseUrl,
    defaultTimeSec,
    query(promql, opts = {}) {
      const timeSec = opts.timeSec ?? defaultTimeSec();
      // The shared read gets the cache's signal (aborted when no viewer waits any more), never one
      // viewer's own: that viewer leaving must not fail the others coalesced onto the same read.
      return cache.get(`q|${timeSec}|${promql}`, (signal) => inner.query(promql, { timeSec, signal }), { signal: opts.signal });
    },
    queryRange(promql, opts) {
      return cache.get(`r|${opts.startSec}|${opts.endSec}|${opts.stepSec}|${promql}`, (signal) => inner.queryRange(promql, { ...opts, signal }), { signal: opts.signal });
    },
  };
}

interface Backends {
  config: ServerConfig;
  prometheus: CachedPrometheus;
}

const g = globalThis as typeof globalThis & { __meshscopeBackends?: Backends };

function build(config: ServerConfig): Backends {
  const inner = createPrometheusClient(config.prometheus.url, {
    timeoutMs: config.prometheus.timeoutMs,
    compression: config.prometheus.compression,
    onObserve: (o) => observeBackendCall('prometheus', o.endpoint, o.outcome, o.durationMs),
  });
  const cache = createQueryCache({
    ttlMs: config.queryCache.ttlMs,
    onLookup: (result) => selfMetrics().cacheLookups.inc({ backend: 'prometheus', result }),
  });
  return { config, prometheus: cachedPrometheus(inner, cache, config.queryCache.timeQuantumMs) };
}

/** The process-wide Prometheus client (cached, coalesced, instrumented). */
export function getPrometheus(): CachedPrometheus {
  g.__meshscopeBackends ??= build(getServerConfig());
  return g.__meshscopeBackends.prometheus;
}

const gConfig = globalThis as typeof globalThis & { __meshscopeConfigSource?: ConfigSource | null };

/**
 * The process-wide Istio config source: the directory of YAML (demo, CONFIG_DIR), the Kubernetes API
 * (CONFIG_SOURCE=kubernetes, see lib/kube), or null when none is configured.
 */
export function getConfigSource(): ConfigSource | null {
  if (gConfig.__meshscopeConfigSource !== undefined) return gConfig.__meshscopeConfigSource;
  const setting = getServerConfig().configSource;
  gConfig.__meshscopeConfigSource =
    setting.kind === 'directory' ? new DirectoryConfigSource(setting.dir)
    : setting.kind === 'kubernetes' ? serverKubernetesConfigSource(setting.kubeconfig)
    : null;
  return gConfig.__meshscopeConfigSource;
}

const gJaeger = globalThis as typeof globalThis & { __meshscopeJaeger?: JaegerClient | null };

/**
 * The process-wide Jaeger/Tempo client (JAEGER_URL; cached, coalesced, instrumented), or null when
 * JAEGER_URL is not set.
 */
export function getJaeger(): JaegerClient | null {
  if (gJaeger.__meshscopeJaeger !== undefined) return gJaeger.__meshscopeJaeger;
  const config = getServerConfig();
  if (!config.jaeger.url) {
    gJaeger.__meshscopeJaeger = null;
    return null;
  }
  const inner = createJaegerClient(config.jaeger.url, {
    timeoutMs: config.jaeger.timeoutMs,
    onObserve: (o) => observeBackendCall('jaeger', o.endpoint, o.outcome, o.durationMs),
  });
  const onLookup = (result: 'hit' | 'miss' | 'coalesced') => selfMetrics().cacheLookups.inc({ backend: 'jaeger', result });
  gJaeger.__meshscopeJaeger = cachedJaeger(
    inner,
    createQueryCache({ ttlMs: config.queryCache.ttlMs, onLookup }),
    // a 50,000-span trace is tens of MB in memory: keep only a few
    createQueryCache({ ttlMs: Math.max(config.queryCache.ttlMs, 30_000), maxEntries: 8, onLookup }),
  );
  return gJaeger.__meshscopeJaeger;
}
