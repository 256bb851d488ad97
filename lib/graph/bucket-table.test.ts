import { describe, expect, it } from 'vitest';
import { BucketTable } from './bucket-table';
import { addBucket, mergeBuckets, parseLe, quantiles, type Buckets } from './histogram';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The typed-array table must give exactly histogram.ts's answers (same floats), whatever the bounds. */
describe('BucketTable', () => {
  it('matches the Map histogram on random data, with equal bounds spelled twice and > 32 bounds', () => {
    const rand = rng(7);
    const les = ['+Inf', '1', '1.0', '0', '-0', 'bogus', ...Array.from({ length: 60 }, (_, i) => String((i + 1) * 3.5))];
    const table = new BucketTable();
    const maps: Buckets[] = [];
    const accs: number[] = [];
    for (let h = 0; h < 300; h++) {
      const m: Buckets = new Map();
      const acc = table.create();
      const n = Math.floor(rand() * 25);
      for (let k = 0; k < n; k++) {
        const le = les[Math.floor(rand() * (h < 150 ? 10 : les.length))] as string;
        const rate = rand() < 0.1 ? 0 : rand() * 100;
        const bound = parseLe(le);
        if (Number.isNaN(bound)) {
          expect(table.slot(le)).toBe(-1);
          continue;
        }
        addBucket(m, bound, rate);
        table.add(acc, table.slot(le), rate);
      }
      maps.push(m);
      accs.push(acc);
    }
    for (let h = 0; h < maps.length; h++) expect(table.quantiles(accs[h])).toEqual(quantiles(maps[h]));
    const mergedMap: Buckets = new Map();
    const merged = table.create();
    for (let h = 0; h < maps.length; h += 3) {
      mergeBuckets(mergedMap, maps[h] as Buckets);
      table.merge(merged, accs[h] as number);
    }
    expect(table.quantiles(merged)).toEqual(quantiles(mergedMap));
    expect(table.quantiles(undefined)).toEqual({ p50: null, p95: null, p99: null });
  });
});
