import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../bench/types';
import { mergeBenchResults, parseBenchResults } from './bench-results';

const r = (name: string, value: number): BenchResult => ({ name, value, unit: 'ms', target: 100, better: 'lower' });
const declared = ['a', 'b', 'c'];

describe('mergeBenchResults', () => {
  it('a full run replaces everything', () => {
    expect(mergeBenchResults([r('a', 1), r('old', 9)], [r('b', 2), r('a', 3)], declared, declared, true)).toEqual([r('a', 3), r('b', 2)]);
  });

  it('a partial run replaces its benchmarks and keeps the others, in declared order', () => {
    expect(mergeBenchResults([r('c', 7), r('a', 1), r('b', 2)], [r('b', 5)], ['b'], declared, false)).toEqual([r('a', 1), r('b', 5), r('c', 7)]);
  });

  it('a selected benchmark that failed loses its old result', () => {
    expect(mergeBenchResults([r('a', 1), r('b', 2)], [], ['b'], declared, false)).toEqual([r('a', 1)]);
  });

  it('results of benchmarks no longer declared go last', () => {
    expect(mergeBenchResults([r('gone', 4), r('c', 3)], [r('a', 1)], ['a'], declared, false)).toEqual([r('a', 1), r('c', 3), r('gone', 4)]);
  });
});

describe('parseBenchResults', () => {
  it('reads a results file and drops what is not a result', () => {
    expect(parseBenchResults(JSON.stringify([r('a', 1), { name: 'x' }, 3]))).toEqual([r('a', 1)]);
  });

  it('treats a missing, empty or broken file as no results', () => {
    expect(parseBenchResults(undefined)).toEqual([]);
    expect(parseBenchResults('')).toEqual([]);
    expect(parseBenchResults('{not json')).toEqual([]);
    expect(parseBenchResults('{"a":1}')).toEqual([]);
  });
});
