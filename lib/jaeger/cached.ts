/**
 * The Jaeger client behind the coalescing cache: identical reads in flight are sent once and reused
 * for the cache TTL. Traces get a small cache of their own (they can be tens of MB each).
 * Search windows that end "now" are keyed on the caller's (quantised) times, so pollers share.
 */
import type { QueryCache } from '../server/query-cache';
import type { JaegerClient } from './client';

export function cachedJaeger(inner: JaegerClient, cache: QueryCache, traceCache: QueryCache): JaegerClient {
  return {
    baseUrl: inner.baseUrl,
    detect: (signal) => cache.get('detect', (s) => inner.detect(s), { signal }),
    services: (signal) => cache.get('services', (s) => inner.services(s), { signal }),
    operations: (service, signal) => cache.get(`ops|${service}`, (s) => inner.operations(service, s), { signal }),
    searchTraces: (q, signal) => cache.get(`search|${JSON.stringify(q)}`, (s) => inner.searchTraces(q, s), { signal }),
    getTrace: (id, signal) => traceCache.get(`trace|${id.toLowerCase()}`, (s) => inner.getTrace(id, s), { signal }),
    ...(inner.getTraceWire
      ? { getTraceWire: (id: string, signal?: AbortSignal) => traceCache.get(`wire|${id.toLowerCase()}`, (s) => inner.getTraceWire!(id, s), { signal }) }
      : {}),
  };
}
