import { describe, expect, it } from 'vitest';
import { cachedPrometheus } from './backends';
import { createQueryCache } from './query-cache';
import type { PrometheusClient } from '../prometheus/client';

describe('cached prometheus', () => {
  it('viewers in the same time quantum share one backend query', async () => {
    const sent: Array<number | undefined> = [];
    const inner: PrometheusClient = {
      baseUrl: 'x',
      query: async (_q, o) => { sent.push(o?.timeSec); return []; },
      queryRange: async () => [],
    };
    let t = 1_000_000;
    const p = cachedPrometheus(inner, createQueryCache({ ttlMs: 60_000 }), 5000, () => t);
    for (let i = 0; i < 50; i += 1) { t += 90; await p.query('up'); } // 4.5 s of polling
    t = 1_005_000;
    await p.query('up');
    expect(sent).toEqual([1000, 1005]);
  });

  it('one viewer aborting does not fail the viewers coalesced onto the same query', async () => {
    const backendSignals: Array<AbortSignal | undefined> = [];
    let release: () => void = () => {};
    const inner: PrometheusClient = {
      baseUrl: 'x',
      query: (_q, o) => { backendSignals.push(o?.signal); return new Promise((r) => { release = () => r([]); }); },
      queryRange: async () => [],
    };
    const p = cachedPrometheus(inner, createQueryCache({ ttlMs: 60_000 }), 5000, () => 1_000_000);
    const leaving = new AbortController();
    const a = p.query('up', { signal: leaving.signal });
    const b = p.query('up', { signal: new AbortController().signal });
    leaving.abort();
    await expect(a).rejects.toThrow();
    expect(backendSignals).toHaveLength(1);
    expect(backendSignals[0]?.aborted).toBe(false);
    release();
    expect(await b).toEqual([]);
  });
});
