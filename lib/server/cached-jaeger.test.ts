/** Jaeger reads go through the coalescing cache like Prometheus reads, with the same abort rules. */
import { describe, expect, it } from 'vitest';
import { cachedJaeger } from '../jaeger/cached';
import type { JaegerClient } from '../jaeger/client';
import { createQueryCache, type CacheResult } from './query-cache';

function slowJaeger() {
  const calls: Array<{ what: string; signal?: AbortSignal }> = [];
  let release: () => void = () => {};
  const inner: JaegerClient = {
    baseUrl: 'http://jaeger',
    detect: async () => ({ flavour: 'jaeger-v3' }) as unknown as Awaited<ReturnType<JaegerClient['detect']>>,
    services: (signal) => {
      calls.push({ what: 'services', signal });
      return new Promise((r) => { release = () => r(['productpage', 'reviews']); });
    },
    operations: async () => [],
    searchTraces: async () => [],
    getTrace: async () => null,
  };
  return { inner, calls, release: () => release() };
}

describe('cached Jaeger', () => {
  it('identical reads in flight are sent once and then answered from the cache (hits, misses, coalesced counted)', async () => {
    const { inner, calls, release } = slowJaeger();
    const lookups: CacheResult[] = [];
    const cache = createQueryCache({ ttlMs: 10_000, onLookup: (r) => lookups.push(r) });
    const jaeger = cachedJaeger(inner, cache, createQueryCache({ ttlMs: 10_000 }));
    const all = Promise.all([jaeger.services(), jaeger.services(), jaeger.services()]);
    release();
    expect(await all).toEqual([['productpage', 'reviews'], ['productpage', 'reviews'], ['productpage', 'reviews']]);
    expect(await jaeger.services()).toEqual(['productpage', 'reviews']);
    expect(calls).toHaveLength(1);
    expect(lookups).toEqual(['miss', 'coalesced', 'coalesced', 'hit']);
  });

  it('one trace viewer leaving does not fail the others waiting for the same read', async () => {
    const { inner, calls, release } = slowJaeger();
    const jaeger = cachedJaeger(inner, createQueryCache({ ttlMs: 10_000 }), createQueryCache({ ttlMs: 10_000 }));
    const leaving = new AbortController();
    const a = jaeger.services(leaving.signal);
    const b = jaeger.services(new AbortController().signal);
    leaving.abort();
    await expect(a).rejects.toThrow();
    expect(calls[0]?.signal?.aborted).toBe(false);
    release();
    expect(await b).toEqual(['productpage', 'reviews']);
  });
});
