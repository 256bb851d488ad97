/** Wire types of the Prometheus HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/). */
import { z } from 'zod';

export type Labels = Record<string, string>;

/** One instant-vector sample. `timestampSec` is Unix seconds; `value` is a float (NaN and ±Inf kept). */
export interface VectorSample {
  metric: Labels;
  value: number;
  timestampSec: number;
}

/** One range-vector series; each point is [Unix seconds, value]. */
export interface RangeSeries {
  metric: Labels;
  points: Array<[number, number]>;
}

const sampleValue = z.tuple([z.number(), z.string()]);

export const vectorResultSchema = z.object({
  resultType: z.literal('vector'),
  result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: sampleValue })),
});

export const scalarResultSchema = z.object({
  resultType: z.literal('scalar'),
  result: sampleValue,
});

export const matrixResultSchema = z.object({
  resultType: z.literal('matrix'),
  result: z.array(
    z.object({ metric: z.record(z.string(), z.string()), values: z.array(sampleValue) }),
  ),
});

export const successEnvelopeSchema = z.object({
  status: z.literal('success'),
  data: z.unknown(),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});

export const errorEnvelopeSchema = z.object({
  status: z.literal('error'),
  errorType: z.string().optional(),
  error: z.string().optional(),
});

/**
 * Cheap checks of the samples inside an already-parsed body, equivalent to the schemas above for
 * JSON input: a record of strings for `metric`, a [number, string] pair per value. A response of 100k
 * samples costs a plain loop instead of one zod object parse per sample. When the loop finds anything
 * it does not accept, the caller falls back to the zod schema, so bad data gets zod's message as before.
 */
function isLabels(m: unknown): m is Labels {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const proto = Object.getPrototypeOf(m) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in m) if (typeof (m as Record<string, unknown>)[k] !== 'string') return false;
  return true;
}

function isSamplePair(v: unknown): v is [number, string] {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && Number.isFinite(v[0]) && typeof v[1] === 'string';
}

/** Samples of a `vector` result, or undefined when anything does not match (use vectorResultSchema then). */
export function fastVectorSamples(data: unknown): VectorSample[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { resultType, result } = data as { resultType?: unknown; result?: unknown };
  if (resultType !== 'vector' || !Array.isArray(result)) return undefined;
  const out: VectorSample[] = new Array(result.length);
  for (let i = 0; i < result.length; i++) {
    const s = result[i] as { metric?: unknown; value?: unknown } | null;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return undefined;
    const { metric, value } = s;
    if (!isLabels(metric) || !isSamplePair(value)) return undefined;
    out[i] = { metric, timestampSec: value[0], value: parseSampleValue(value[1]) };
  }
  return out;
}

/** Series of a `matrix` result, or undefined when anything does not match (use matrixResultSchema then). */
export function fastMatrixSeries(data: unknown): RangeSeries[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { resultType, result } = data as { resultType?: unknown; result?: unknown };
  if (resultType !== 'matrix' || !Array.isArray(result)) return undefined;
  const out: RangeSeries[] = new Array(result.length);
  for (let i = 0; i < result.length; i++) {
    const s = result[i] as { metric?: unknown; values?: unknown } | null;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return undefined;
    const { metric, values } = s;
    if (!isLabels(metric) || !Array.isArray(values)) return undefined;
    const points: Array<[number, number]> = new Array(values.length);
    for (let j = 0; j < values.length; j++) {
      const v: unknown = values[j];
      if (!isSamplePair(v)) return undefined;
      points[j] = [v[0], parseSampleValue(v[1])];
    }
    out[i] = { metric, points };
  }
  return out;
}

/** Prometheus encodes sample values as strings: "1.5", "NaN", "+Inf", "-Inf". */
export function parseSampleValue(raw: string): number {
  if (raw === '+Inf') return Number.POSITIVE_INFINITY;
  if (raw === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(raw);
}
