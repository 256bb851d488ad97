import { describe, expect, it } from 'vitest';
import { bucketQuantile, quantiles, type Buckets } from './histogram';

const h = (pairs: Array<[number, number]>): Buckets => new Map(pairs);

describe('bucketQuantile (Prometheus histogram_quantile)', () => {
  it('interpolates linearly inside the bucket holding the rank', () => {
    // 10 observations: 4 in (5,10], 4 in (10,25], 2 in (25,50]
    const b = h([[5, 0], [10, 4], [25, 8], [50, 10], [Infinity, 10]]);
    expect(bucketQuantile(0.5, b)).toBeCloseTo(13.75, 12);
    expect(bucketQuantile(0.2, b)).toBeCloseTo(7.5, 12);
  });

  it('starts the first bucket at 0', () => {
    expect(bucketQuantile(0.5, h([[10, 4], [Infinity, 4]]))).toBe(5);
  });

  it('answers the highest finite bound for a rank in the +Inf bucket', () => {
    expect(bucketQuantile(0.99, h([[10, 1], [25, 2], [Infinity, 10]]))).toBe(25);
  });

  it('is NaN without observations or without a +Inf bucket; out-of-range q is ±Inf', () => {
    expect(bucketQuantile(0.5, h([[10, 0], [Infinity, 0]]))).toBeNaN();
    expect(bucketQuantile(0.5, h([[10, 1], [25, 2]]))).toBeNaN();
    expect(bucketQuantile(-1, h([[10, 1], [Infinity, 1]]))).toBe(-Infinity);
    expect(bucketQuantile(2, h([[10, 1], [Infinity, 1]]))).toBe(Infinity);
    expect(quantiles(undefined)).toEqual({ p50: null, p95: null, p99: null });
  });

  it('forces monotonic cumulative counts', () => {
    // 25 dips below 10 (rate noise): treated as 6
    expect(bucketQuantile(0.5, h([[10, 6], [25, 5.9], [50, 10], [Infinity, 10]]))).toBeCloseTo(10 * (5 / 6), 12);
  });
});
