/**
 * Duration buckets for many edges at once, in typed arrays: each distinct `le` string is mapped once
 * to a slot (equal bounds such as "1" and "1.0" share one, as the Map of histogram.ts would), and each
 * histogram (an edge's, a node's inbound) is one row of a shared Float64Array of rates plus a Uint8Array
 * saying which slots were seen — no allocation per edge. Same sums
 * in the same order as histogram.ts's Map (so the same floats), and the same quantile algorithm
 * (Prometheus's bucketQuantile, see histogram.ts) without a Map or an object per bucket.
 */
import { parseLe } from './histogram';

/** One histogram in the table: a row index (see BucketTable), or NO_BUCKETS. */
export type BucketAcc = number;

/** No histogram (yet): a number like the rows, so a field holding either keeps its shape. */
export const NO_BUCKETS: BucketAcc = -1;

export interface Quantiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export const NO_QUANTILES: Quantiles = { p50: null, p95: null, p99: null };

export class BucketTable {
  private readonly slotByLe = new Map<string, number>();
  private readonly slotByBound = new Map<number, number>();
  /** Slot → upper bound. */
  private readonly bounds: number[] = [];
  /** Slots in ascending bound order (computed once, after the last slot is made). */
  private order: number[] | undefined;
  private scratchUpper = new Float64Array(32);
  private scratchCount = new Float64Array(32);

  /** The slot of an `le` label value, -1 when it is not a number (the row is skipped). */
  slot(le: string): number {
    const known = this.slotByLe.get(le);
    if (known !== undefined) return known;
    let bound = parseLe(le);
    if (Number.isNaN(bound)) {
      this.slotByLe.set(le, -1);
      return -1;
    }
    if (bound === 0) bound = 0; // -0 and 0 are one Map key
    let slot = this.slotByBound.get(bound);
    if (slot === undefined) {
      slot = this.bounds.length;
      this.bounds.push(bound);
      this.slotByBound.set(bound, slot);
      this.order = undefined;
    }
    this.slotByLe.set(le, slot);
    return slot;
  }

  private stride = 32;
  private rows = 0;
  private rates = new Float64Array(32 * 256);
  private seen = new Uint8Array(32 * 256);

  /** Room for `n` more histograms without regrowing the arrays. */
  reserve(n: number): void {
    if ((this.rows + n) * this.stride > this.rates.length) this.relayout(this.stride, this.rows + n);
  }

  create(): BucketAcc {
    const row = this.rows++;
    if (this.rows * this.stride > this.rates.length) this.relayout(this.stride, this.rows * 2);
    return row;
  }

  /** Adds `rate` to `slot` of histogram `acc`. */
  add(acc: BucketAcc, slot: number, rate: number): void {
    if (slot >= this.stride) this.relayout(Math.max(slot + 1, this.stride * 2), Math.max(this.rows, 256));
    const i = acc * this.stride + slot;
    if (this.seen[i] === 0) {
      this.seen[i] = 1;
      this.rates[i] = 0 + rate;
    } else this.rates[i] = (this.rates[i] as number) + rate;
  }

  /** Adds every seen slot of `from` into `into` (mergeBuckets). */
  merge(into: BucketAcc, from: BucketAcc): void {
    const stride = this.stride;
    const rates = this.rates;
    const seen = this.seen;
    const a = into * stride;
    const b = from * stride;
    for (let k = 0; k < stride; k++) {
      if (seen[b + k] === 0) continue;
      if (seen[a + k] === 0) {
        seen[a + k] = 1;
        rates[a + k] = 0 + (rates[b + k] as number);
      } else rates[a + k] = (rates[a + k] as number) + (rates[b + k] as number);
    }
  }

  /** New arrays with `stride` slots per row and room for `capacity` rows, the old rows copied. */
  private relayout(stride: number, capacity: number): void {
    const rates = new Float64Array(stride * capacity);
    const seen = new Uint8Array(stride * capacity);
    if (stride === this.stride) {
      rates.set(this.rates.subarray(0, this.rows * stride));
      seen.set(this.seen.subarray(0, this.rows * stride));
    } else {
      for (let r = 0; r < this.rows; r++) {
        rates.set(this.rates.subarray(r * this.stride, (r + 1) * this.stride), r * stride);
        seen.set(this.seen.subarray(r * this.stride, (r + 1) * this.stride), r * stride);
      }
    }
    this.rates = rates;
    this.seen = seen;
    this.stride = stride;
  }

  private sortedSlots(): number[] {
    return (this.order ??= ascendingOrder(this.bounds));
  }

  /** p50/p95/p99 as histogram.ts's quantiles() would answer for the same buckets. */
  quantiles(acc: BucketAcc | undefined): Quantiles {
    if (acc === undefined || acc < 0) return NO_QUANTILES;
    const order = this.sortedSlots();
    if (this.scratchUpper.length < order.length) {
      this.scratchUpper = new Float64Array(order.length);
      this.scratchCount = new Float64Array(order.length);
    }
    const upper = this.scratchUpper;
    const count = this.scratchCount;
    let n = 0;
    const base = acc * this.stride;
    for (const slot of order) {
      if (this.seen[base + slot] === 0) continue;
      upper[n] = this.bounds[slot] as number;
      count[n] = this.rates[base + slot] as number;
      n++;
    }
    if (n < 2 || upper[n - 1] !== Number.POSITIVE_INFINITY) return NO_QUANTILES;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const c = count[i] as number;
      if (c > max) max = c;
      else count[i] = max;
    }
    if (!((count[n - 1] as number) > 0)) return NO_QUANTILES;
    return { p50: finiteQuantile(0.5, upper, count, n), p95: finiteQuantile(0.95, upper, count, n), p99: finiteQuantile(0.99, upper, count, n) };
  }
}

/** Slot indices by ascending bound. (Closures live here, not in hot methods: they allocate a context per call.) */
function ascendingOrder(bounds: readonly number[]): number[] {
  return bounds.map((_, i) => i).sort((a, b) => (bounds[a] as number) - (bounds[b] as number));
}

function finiteQuantile(q: number, upper: Float64Array, count: Float64Array, n: number): number | null {
  const v = quantileOf(q, upper, count, n);
  return Number.isFinite(v) ? v : null;
}

/** histogram.ts's quantileOf over parallel arrays of the first `n` buckets. */
function quantileOf(q: number, upper: Float64Array, count: Float64Array, n: number): number {
  const observations = count[n - 1] as number;
  let rank = q * observations;
  let b = n - 1;
  for (let i = 0; i < n - 1; i++) {
    if ((count[i] as number) >= rank) {
      b = i;
      break;
    }
  }
  if (b === n - 1) return upper[n - 2] as number;
  const bucketUpper = upper[b] as number;
  if (b === 0 && bucketUpper <= 0) return bucketUpper;
  let start = 0;
  let c = count[b] as number;
  if (b > 0) {
    start = upper[b - 1] as number;
    c -= count[b - 1] as number;
    rank -= count[b - 1] as number;
  }
  return start + (bucketUpper - start) * (rank / c);
}
