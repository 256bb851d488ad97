import { describe, expect, it } from 'vitest';
import { createQueryCache } from './query-cache';

describe('query cache', () => {
  it('sends identical reads in flight once', async () => {
    const results: string[] = [];
    const cache = createQueryCache({ ttlMs: 1000, onLookup: (r) => results.push(r) });
    let calls = 0;
    let release: (v: number) => void = () => {};
    const load = () => { calls += 1; return new Promise<number>((r) => { release = r; }); };
    const all = Promise.all([cache.get('q', load), cache.get('q', load), cache.get('q', load)]);
    release(42);
    expect(await all).toEqual([42, 42, 42]);
    expect(calls).toBe(1);
    expect(results).toEqual(['miss', 'coalesced', 'coalesced']);
  });

  it('reuses a result until it expires', async () => {
    let t = 0;
    const cache = createQueryCache({ ttlMs: 100, now: () => t });
    let calls = 0;
    const load = async () => ++calls;
    expect(await cache.get('q', load)).toBe(1);
    t = 99;
    expect(await cache.get('q', load)).toBe(1);
    t = 100;
    expect(await cache.get('q', load)).toBe(2);
  });

  it('never caches a failure', async () => {
    const cache = createQueryCache({ ttlMs: 1000 });
    let calls = 0;
    const failing = async () => { calls += 1; throw new Error('down'); };
    await expect(cache.get('q', failing)).rejects.toThrow('down');
    await expect(cache.get('q', failing)).rejects.toThrow('down');
    expect(calls).toBe(2);
  });

  it('stays bounded', async () => {
    const cache = createQueryCache({ ttlMs: 1000, maxEntries: 3 });
    for (let i = 0; i < 10; i += 1) await cache.get(`k${i}`, async () => i);
    expect(cache.size).toBe(3);
  });
});
