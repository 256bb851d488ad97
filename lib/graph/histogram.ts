/**
 * Prometheus's `histogram_quantile` done in the server over bucket rates, so a quantile can be computed
 * for any aggregation of series (an edge into a service node, a service-graph edge, a node's inbound
 * traffic) from one bucket query — Kiali loses response time on those edges because quantiles cannot
 * be summed. Same algorithm as Prometheus 2.x `bucketQuantile` (promql/quantile.go): coalesce equal
 * bounds, force monotonic counts, linear interpolation inside the bucket, the lower bound of the first
 * bucket is 0, and a rank in the +Inf bucket answers the highest finite bound.
 */

/** Upper bound → cumulative rate. */
export type Buckets = Map<number, number>;

export function parseLe(le: string): number {
  if (le === '+Inf' || le === 'Inf' || le === '+inf') return Number.POSITIVE_INFINITY;
  return Number(le);
}

/** Adds `rate` to the bucket with upper bound `le` (creates the map entry as needed). */
export function addBucket(buckets: Buckets, le: number, rate: number): void {
  buckets.set(le, (buckets.get(le) ?? 0) + rate);
}

export function mergeBuckets(into: Buckets, from: Buckets): void {
  for (const [le, rate] of from) addBucket(into, le, rate);
}

interface Bucket { upper: number; count: number }

/** Buckets sorted by bound with counts forced monotonic (rate() noise), or undefined when unusable. */
function prepare(histogram: Buckets): Bucket[] | undefined {
  const buckets: Bucket[] = [];
  for (const [upper, count] of histogram) buckets.push({ upper, count });
  buckets.sort((a, b) => a.upper - b.upper);
  if (buckets.length < 2) return undefined;
  const last = buckets[buckets.length - 1] as Bucket;
  if (last.upper !== Number.POSITIVE_INFINITY) return undefined;
  // Monotonic: a later cumulative count below an earlier one is raised.
  let max = Number.NEGATIVE_INFINITY;
  for (const b of buckets) {
    if (b.count > max) max = b.count;
    else b.count = max;
  }
  if (!(last.count > 0)) return undefined;
  return buckets;
}

function quantileOf(q: number, buckets: Bucket[]): number {
  const n = buckets.length;
  const observations = (buckets[n - 1] as Bucket).count;
  let rank = q * observations;
  let b = n - 1;
  for (let i = 0; i < n - 1; i++) {
    if ((buckets[i] as Bucket).count >= rank) {
      b = i;
      break;
    }
  }
  if (b === n - 1) return (buckets[n - 2] as Bucket).upper;
  const bucket = buckets[b] as Bucket;
  if (b === 0 && bucket.upper <= 0) return bucket.upper;
  let start = 0;
  let count = bucket.count;
  if (b > 0) {
    const prev = buckets[b - 1] as Bucket;
    start = prev.upper;
    count -= prev.count;
    rank -= prev.count;
  }
  return start + (bucket.upper - start) * (rank / count);
}

/** The q-quantile (0–1) of a histogram, NaN when it cannot be computed (as Prometheus). */
export function bucketQuantile(q: number, histogram: Buckets): number {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const buckets = prepare(histogram);
  return buckets ? quantileOf(q, buckets) : Number.NaN;
}

/** p50/p95/p99 in the histogram's unit, null where undefined (no observations). Sorts once. */
export function quantiles(histogram: Buckets | undefined): { p50: number | null; p95: number | null; p99: number | null } {
  const buckets = histogram ? prepare(histogram) : undefined;
  if (!buckets) return { p50: null, p95: null, p99: null };
  const f = (q: number) => {
    const v = quantileOf(q, buckets);
    return Number.isFinite(v) ? v : null;
  };
  return { p50: f(0.5), p95: f(0.95), p99: f(0.99) };
}
