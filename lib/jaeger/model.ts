/**
 * The one Trace model every wire format (Jaeger v1 UI JSON, api_v3 / OTLP JSON, Tempo) is parsed
 * into. Times are microseconds since the epoch (`…Us`); ids are lower-case hex.
 */
export type Micros = number;

export type TagType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';
export type TagValue = string | number | boolean;

export interface KeyValue {
  key: string;
  type: TagType;
  /** int64 beyond ±2^53 stays a decimal string; binary stays base64. */
  value: TagValue;
}

export type RefType = 'CHILD_OF' | 'FOLLOWS_FROM';

export interface SpanRef {
  refType: RefType;
  traceId: string;
  spanId: string;
}

export interface SpanLog {
  timestampUs: Micros;
  fields: KeyValue[];
}

export type SpanKind = 'client' | 'server' | 'producer' | 'consumer' | 'internal' | 'unspecified';

export interface TraceProcess {
  serviceName: string;
  tags: KeyValue[];
}

export interface Span {
  spanId: string;
  operationName: string;
  /** Index into `Trace.processes`. */
  processIndex: number;
  serviceName: string;
  startTimeUs: Micros;
  durationUs: Micros;
  kind: SpanKind;
  /** References as the backend sent them, including ones to spans not in the trace. */
  references: SpanRef[];
  tags: KeyValue[];
  logs: SpanLog[];
  warnings: string[];
  /** `error` tag truthy (bool true or the string "true"), or OTLP status ERROR. */
  error: boolean;
}

export interface Trace {
  traceId: string;
  spans: Span[];
  processes: TraceProcess[];
  warnings: string[];
}

/** One row of a search result (computed from full traces, or from api_v3 trace summaries). */
export interface TraceSummary {
  traceId: string;
  rootServiceName: string;
  rootOperationName: string;
  startTimeUs: Micros;
  durationUs: Micros;
  spanCount: number;
  errorSpanCount: number;
  services: Array<{ name: string; spanCount: number; errorSpanCount: number }>;
}

export interface Operation {
  name: string;
  spanKind: string;
}
