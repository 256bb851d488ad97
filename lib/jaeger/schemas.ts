/**
 * zod schemas of the wire formats at the Jaeger/Tempo boundary: v1 "UI JSON" (envelope, trace,
 * span) and OTLP JSON (api_v3 `{result:{resourceSpans}}`, Tempo `{batches}`), plus api_v3 and
 * Tempo metadata/search answers. Unknown fields are ignored; missing optional arrays default.
 */
import { z } from 'zod';

const tagScalar = z.union([z.string(), z.number(), z.boolean()]);

export const v1KeyValueSchema = z.object({
  key: z.string(),
  type: z.string().optional(),
  value: tagScalar.nullable().optional(),
});

/**
 * Span tag lists: a 50,000-span Istio trace carries ~900,000 tags, and running a zod object schema
 * per tag costs more than everything else in the parse. Span tags are therefore checked as an
 * array here and each element by `checkKeyValue` (same rules as v1KeyValueSchema) while converting.
 */
const tagList = z.array(z.unknown()).nullable().optional();

export function checkKeyValue(raw: unknown): V1KeyValue | string {
  if (raw === null || typeof raw !== 'object') return 'expected a {key, type, value} object';
  const kv = raw as Record<string, unknown>;
  if (typeof kv.key !== 'string') return 'key: expected string';
  if (kv.type !== undefined && typeof kv.type !== 'string') return 'type: expected string';
  const v = kv.value;
  if (v !== undefined && v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return 'value: expected string, number or boolean';
  return kv as V1KeyValue;
}

export const v1ReferenceSchema = z.object({
  refType: z.string(),
  traceID: z.string(),
  spanID: z.string(),
});

export const v1ProcessSchema = z.object({
  serviceName: z.string(),
  tags: z.array(v1KeyValueSchema).nullable().optional(),
});

export const v1SpanSchema = z.object({
  traceID: z.string(),
  spanID: z.string(),
  parentSpanID: z.string().optional(),
  operationName: z.string(),
  references: z.array(v1ReferenceSchema).nullable().optional(),
  startTime: z.number(),
  duration: z.number(),
  tags: tagList,
  logs: z.array(z.object({ timestamp: z.number(), fields: tagList })).nullable().optional(),
  processID: z.string().optional(),
  process: v1ProcessSchema.optional(),
  warnings: z.array(z.string()).nullable().optional(),
});

export const v1TraceSchema = z.object({
  traceID: z.string(),
  spans: z.array(v1SpanSchema),
  processes: z.record(z.string(), v1ProcessSchema).nullable().optional(),
  warnings: z.array(z.string()).nullable().optional(),
});

export const v1ErrorSchema = z.object({ code: z.number().optional(), msg: z.string(), traceID: z.string().optional() });

export const v1EnvelopeSchema = z.object({
  data: z.unknown(),
  errors: z.array(v1ErrorSchema).nullable().optional(),
});

export type V1Trace = z.infer<typeof v1TraceSchema>;
export type V1Span = z.infer<typeof v1SpanSchema>;
export type V1KeyValue = z.infer<typeof v1KeyValueSchema>;

// ---- OTLP JSON ----

export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number | string;
  bytesValue?: string;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: Array<{ key: string; value?: OtlpAnyValue }> };
}

export const otlpAnyValueSchema: z.ZodType<OtlpAnyValue> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: z.union([z.string(), z.number()]).optional(),
    doubleValue: z.union([z.number(), z.string()]).optional(),
    bytesValue: z.string().optional(),
    arrayValue: z.object({ values: z.array(otlpAnyValueSchema).optional() }).optional(),
    kvlistValue: z.object({ values: z.array(z.object({ key: z.string(), value: otlpAnyValueSchema.optional() })).optional() }).optional(),
  }),
);

export const otlpAttributeSchema = z.object({ key: z.string(), value: otlpAnyValueSchema.optional() });
const nano = z.union([z.string().regex(/^\d+$/, 'must be a decimal integer'), z.number()]);

export const otlpSpanSchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  name: z.string(),
  kind: z.union([z.number(), z.string()]).optional(),
  // proto3 JSON omits zero values, so a span may come without times (Jaeger's own snapshots do)
  startTimeUnixNano: nano.default('0'),
  endTimeUnixNano: nano.default('0'),
  attributes: z.array(otlpAttributeSchema).optional(),
  events: z.array(z.object({ timeUnixNano: nano, name: z.string().optional(), attributes: z.array(otlpAttributeSchema).optional() })).optional(),
  links: z.array(z.object({ traceId: z.string(), spanId: z.string(), attributes: z.array(otlpAttributeSchema).optional() })).optional(),
  status: z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() }).optional(),
});

const scopeSpansSchema = z.object({
  scope: z.object({ name: z.string().optional(), version: z.string().optional() }).optional(),
  spans: z.array(otlpSpanSchema).optional(),
});

export const otlpResourceSpansSchema = z.object({
  resource: z.object({ attributes: z.array(otlpAttributeSchema).optional() }).optional(),
  scopeSpans: z.array(scopeSpansSchema).optional(),
  instrumentationLibrarySpans: z.array(scopeSpansSchema).optional(),
});

/** OTLP TracesData: `{resourceSpans}` (OTLP, api_v3 `result`) or `{batches}` (Tempo). */
export const otlpTracesDataSchema = z.object({
  resourceSpans: z.array(otlpResourceSpansSchema).optional(),
  batches: z.array(otlpResourceSpansSchema).optional(),
});

export type OtlpSpan = z.infer<typeof otlpSpanSchema>;
export type OtlpResourceSpans = z.infer<typeof otlpResourceSpansSchema>;
export type OtlpAttribute = z.infer<typeof otlpAttributeSchema>;

// ---- api_v3 and Tempo answers ----

export const v3ServicesSchema = z.object({ services: z.array(z.string()).nullable().optional() });
export const v3OperationsSchema = z.object({
  operations: z.array(z.object({ name: z.string(), spanKind: z.string().optional() })).nullable().optional(),
});
export const v3TracesSchema = z.object({ result: otlpTracesDataSchema });
export const v3ErrorSchema = z.object({
  error: z.object({ httpCode: z.number().optional(), message: z.string().optional(), grpcCode: z.number().optional() }),
});
export const v3SummariesSchema = z.object({
  summaries: z.array(
    z.object({
      traceId: z.string(),
      rootServiceName: z.string().optional(),
      rootOperationName: z.string().optional(),
      minStartTimeUnixNano: nano,
      maxEndTimeUnixNano: nano,
      spanCount: z.number().optional(),
      errorSpanCount: z.number().optional(),
      services: z.array(z.object({ name: z.string(), spanCount: z.number().optional(), errorSpanCount: z.number().optional() })).optional(),
    }),
  ).nullable().optional(),
});

export const tempoSearchSchema = z.object({
  traces: z.array(
    z.object({
      traceID: z.string(),
      rootServiceName: z.string().optional(),
      rootTraceName: z.string().optional(),
      startTimeUnixNano: nano.optional(),
      durationMs: z.number().optional(),
    }),
  ).nullable().optional(),
});

export const tempoTagValuesSchema = z.object({
  tagValues: z.array(z.union([z.string(), z.object({ type: z.string().optional(), value: z.string() })])).nullable().optional(),
});
