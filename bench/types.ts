/** The contract of a benchmark module `bench/<area>.bench.ts`: `export const benchmarks: Benchmark[]`. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: number;
  better: 'lower' | 'higher';
}

export interface Benchmark {
  name: string;
  unit: string;
  target: number;
  better: 'lower' | 'higher';
  /** Returns the measured value in `unit`. May print details (memory, ratios) to stdout. */
  run: () => Promise<number>;
}
