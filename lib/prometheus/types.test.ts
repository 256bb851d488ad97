import { describe, expect, it } from 'vitest';
import { fastMatrixSeries, fastVectorSamples, matrixResultSchema, vectorResultSchema } from './types';

/** The fast loop must accept exactly what the schema accepts (for JSON input), or step aside. */
describe('fast sample checks', () => {
  const good = { resultType: 'vector', result: [{ metric: { a: '1' }, value: [10, '1.5'] }, { metric: {}, value: [11, '+Inf'] }] };

  it('reads a good vector like the schema', () => {
    expect(fastVectorSamples(good)).toEqual([
      { metric: { a: '1' }, timestampSec: 10, value: 1.5 },
      { metric: {}, timestampSec: 11, value: Number.POSITIVE_INFINITY },
    ]);
    expect(vectorResultSchema.safeParse(good).success).toBe(true);
  });

  it.each([
    ['a number label', { resultType: 'vector', result: [{ metric: { a: 1 }, value: [10, '1'] }] }],
    ['a numeric value', { resultType: 'vector', result: [{ metric: {}, value: [10, 1] }] }],
    ['a string timestamp', { resultType: 'vector', result: [{ metric: {}, value: ['10', '1'] }] }],
    ['a three-element value', { resultType: 'vector', result: [{ metric: {}, value: [10, '1', 'x'] }] }],
    ['no metric', { resultType: 'vector', result: [{ value: [10, '1'] }] }],
    ['an array metric', { resultType: 'vector', result: [{ metric: [], value: [10, '1'] }] }],
    ['a null sample', { resultType: 'vector', result: [null] }],
    ['a matrix', { resultType: 'matrix', result: [] }],
    ['no result', { resultType: 'vector' }],
  ])('steps aside on %s, which the schema rejects too', (_what, data) => {
    expect(fastVectorSamples(data)).toBeUndefined();
    expect(vectorResultSchema.safeParse(data).success).toBe(false);
  });

  it('reads matrices and steps aside on a bad point', () => {
    const m = { resultType: 'matrix', result: [{ metric: { a: 'x' }, values: [[1, '2'], [3, 'NaN']] }] };
    expect(fastMatrixSeries(m)).toEqual([{ metric: { a: 'x' }, points: [[1, 2], [3, Number.NaN]] }]);
    const bad = { resultType: 'matrix', result: [{ metric: {}, values: [[1, 2]] }] };
    expect(fastMatrixSeries(bad)).toBeUndefined();
    expect(matrixResultSchema.safeParse(bad).success).toBe(false);
  });
});
