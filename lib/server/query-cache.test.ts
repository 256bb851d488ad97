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

  it('a caller that gives up is answered at once; the shared read goes on for the others', async () => {
    const cache = createQueryCache({ ttlMs: 1000 });
    let backendSignal: AbortSignal | undefined;
    let release: (v: number) => void = () => {};
    const load = (signal: AbortSignal) => { backendSignal = signal; return new Promise<number>((r) => { release = r; }); };
    const leaving = new AbortController();
    const first = cache.get('q', load, { signal: leaving.signal });
    const second = cache.get('q', load, { signal: new AbortController().signal });
    leaving.abort(new Error('tab closed'));
    await expect(first).rejects.toThrow('tab closed');
    expect(backendSignal?.aborted).toBe(false);
    release(7);
    expect(await second).toBe(7);
    expect(await cache.get('q', load)).toBe(7); // cached
  });

  it('cancels the backend read when every caller has given up, and caches nothing', async () => {
    const cache = createQueryCache({ ttlMs: 1000 });
    const signals: AbortSignal[] = [];
    let calls = 0;
    const load = (signal: AbortSignal) => {
      calls += 1;
      signals.push(signal);
      return new Promise<number>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('cancelled')));
        setTimeout(() => resolve(calls), 20);
      });
    };
    const a = new AbortController();
    const b = new AbortController();
    const pa = cache.get('q', load, { signal: a.signal });
    const pb = cache.get('q', load, { signal: b.signal });
    a.abort();
    expect(signals[0]?.aborted).toBe(false);
    b.abort();
    expect(signals[0]?.aborted).toBe(true);
    await expect(pa).rejects.toThrow();
    await expect(pb).rejects.toThrow();
    expect(cache.inFlight).toBe(0);
    expect(await cache.get('q', load)).toBe(2); // a fresh read, not the cancelled one
    expect(calls).toBe(2);
  });

  it('a caller whose signal is already aborted sends nothing', async () => {
    const cache = createQueryCache({ ttlMs: 1000 });
    let calls = 0;
    const gone = new AbortController();
    gone.abort();
    await expect(cache.get('q', async () => ++calls, { signal: gone.signal })).rejects.toThrow();
    expect(calls).toBe(0);
  });

  it('a load that throws synchronously is a rejected read, not a crash', async () => {
    const cache = createQueryCache({ ttlMs: 1000 });
    await expect(cache.get('q', () => { throw new Error('bad query'); })).rejects.toThrow('bad query');
    expect(cache.inFlight).toBe(0);
  });

  it('drops expired results that nobody asks for again (each time quantum makes new keys)', async () => {
    let t = 0;
    const cache = createQueryCache({ ttlMs: 100, now: () => t });
    for (let i = 0; i < 50; i += 1) {
      t = i * 50; // a new key every 50 ms, like a new evaluation time every quantum
      await cache.get(`q|${t}`, async () => new Array(1000).fill(i));
    }
    // Alive at t = 2450: the entries stored at 2400 and 2450 (expiring at 2500 and 2550); the rest are gone.
    expect(cache.size).toBe(2);
  });

  it('lets a result go when it expires, without waiting for the next one to arrive', async () => {
    const cache = createQueryCache({ ttlMs: 20 });
    await cache.get('q', async () => new Array(1000).fill(1));
    expect(cache.size).toBe(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(cache.size).toBe(0);
    expect(cache.inFlight).toBe(0);
  });
});
