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

/** Prometheus encodes sample values as strings: "1.5", "NaN", "+Inf", "-Inf". */
export function parseSampleValue(raw: string): number {
  if (raw === '+Inf') return Number.POSITIVE_INFINITY;
  if (raw === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(raw);
}
