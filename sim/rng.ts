/** A small seedable random source, so a simulation can be replayed exactly in tests. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** mulberry32: fast, 32-bit state, good enough for traffic simulation. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** True with probability `p` (0..1). */
export function chance(rng: Rng, p: number): boolean {
  return p > 0 && rng.next() < p;
}

/** A standard normal sample (Box–Muller). */
export function normal(rng: Rng): number {
  const u = Math.max(rng.next(), Number.MIN_VALUE);
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A log-normal sample with the given median and shape (sigma of the underlying normal). */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

/** Number of events in an interval for a Poisson process of mean `mean` (Knuth; fine for small means). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k += 1;
    p *= rng.next();
  } while (p > limit);
  return k - 1;
}

/** Picks an index by weights (need not sum to 100). Returns -1 when all weights are 0. */
export function pickWeighted(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return -1;
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i += 1) {
    r -= weights[i] ?? 0;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Lower-case hex id of `bytes` random bytes. */
export function hexId(rng: Rng, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i += 1) out += Math.floor(rng.next() * 256).toString(16).padStart(2, '0');
  return out;
}
