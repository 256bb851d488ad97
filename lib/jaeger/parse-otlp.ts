/**
 * OTLP JSON (api_v3 `{result:{resourceSpans}}`, plain `{resourceSpans}`, Tempo `{batches}`) into
 * Trace models, grouped by trace id, mapped the way Jaeger's own OTLP→UI converter does: resource
 * `service.name` → service, other resource attributes → process tags; scope → `otel.scope.*` tags;
 * kind → `span.kind`; status ERROR → `error=true`; events → logs; parent → CHILD_OF; links →
 * FOLLOWS_FROM; `@jaeger@warnings` → warnings. Hex or base64 ids; ns strings → µs.
 */
import type { KeyValue, Span, SpanRef, Trace, TraceProcess } from './model';
import { normalizeId } from './ids';
import { TraceFormatError } from './parse-v1';
import { otlpTracesDataSchema, v3TracesSchema, type OtlpAnyValue, type OtlpAttribute, type OtlpResourceSpans } from './schemas';
import { kindFromOtlp, spanIsError } from './tags';

/** ns since epoch (decimal string or number) → µs, without losing precision to floats. */
export function nanosToMicros(ns: string | number): number {
  if (typeof ns === 'number') return Math.floor(ns / 1000);
  return ns.length <= 3 ? 0 : Number(ns.slice(0, -3));
}

function anyValue(v: OtlpAnyValue | undefined): Pick<KeyValue, 'type' | 'value'> {
  if (!v) return { type: 'string', value: '' };
  if (v.stringValue !== undefined) return { type: 'string', value: v.stringValue };
  if (v.boolValue !== undefined) return { type: 'bool', value: v.boolValue };
  if (v.intValue !== undefined) {
    const n = Number(v.intValue);
    return { type: 'int64', value: Number.isSafeInteger(n) ? n : String(v.intValue) };
  }
  if (v.doubleValue !== undefined) return { type: 'float64', value: Number(v.doubleValue) };
  if (v.bytesValue !== undefined) return { type: 'binary', value: v.bytesValue };
  if (v.arrayValue) return { type: 'string', value: JSON.stringify((v.arrayValue.values ?? []).map((x) => anyValue(x).value)) };
  if (v.kvlistValue) {
    const obj = Object.fromEntries((v.kvlistValue.values ?? []).map((x) => [x.key, anyValue(x.value).value]));
    return { type: 'string', value: JSON.stringify(obj) };
  }
  return { type: 'string', value: '' };
}

function attrs(list: readonly OtlpAttribute[] | undefined): KeyValue[] {
  return (list ?? []).map((a) => ({ key: a.key, ...anyValue(a.value) }));
}

const WARNINGS_KEY = '@jaeger@warnings';

function warningsOf(list: readonly OtlpAttribute[] | undefined): string[] {
  const w = list?.find((a) => a.key === WARNINGS_KEY)?.value;
  if (!w) return [];
  if (w.arrayValue) return (w.arrayValue.values ?? []).map((x) => String(anyValue(x).value));
  return [String(anyValue(w).value)];
}

function fromResourceSpans(all: readonly OtlpResourceSpans[]): Trace[] {
  const traces = new Map<string, Trace>();
  for (const rs of all) {
    const resource = attrs(rs.resource?.attributes);
    const serviceName = String(resource.find((a) => a.key === 'service.name')?.value ?? 'unknown-service');
    const process: TraceProcess = { serviceName, tags: resource.filter((a) => a.key !== 'service.name') };
    const processIndexIn = new Map<Trace, number>();
    for (const ss of [...(rs.scopeSpans ?? []), ...(rs.instrumentationLibrarySpans ?? [])]) {
      const scopeTags: KeyValue[] = [];
      if (ss.scope?.name) scopeTags.push({ key: 'otel.scope.name', type: 'string', value: ss.scope.name });
      if (ss.scope?.version) scopeTags.push({ key: 'otel.scope.version', type: 'string', value: ss.scope.version });
      for (const s of ss.spans ?? []) {
        const traceId = normalizeId(s.traceId, 32);
        let trace = traces.get(traceId);
        if (!trace) {
          trace = { traceId, spans: [], processes: [], warnings: [] };
          traces.set(traceId, trace);
        }
        let pIndex = processIndexIn.get(trace);
        if (pIndex === undefined) {
          pIndex = trace.processes.length;
          trace.processes.push(process);
          processIndexIn.set(trace, pIndex);
        }
        const kind = kindFromOtlp(s.kind);
        const tags: KeyValue[] = [...scopeTags, ...attrs(s.attributes).filter((a) => a.key !== WARNINGS_KEY)];
        if (kind !== 'unspecified') tags.push({ key: 'span.kind', type: 'string', value: kind });
        const code = s.status?.code;
        const isErr = code === 2 || (typeof code === 'string' && /ERROR$/i.test(code));
        const isOk = code === 1 || (typeof code === 'string' && /OK$/i.test(code));
        if (isErr || isOk) tags.push({ key: 'otel.status_code', type: 'string', value: isErr ? 'ERROR' : 'OK' });
        if (isErr && !tags.some((t) => t.key === 'error')) tags.push({ key: 'error', type: 'bool', value: true });
        if (s.status?.message) tags.push({ key: 'otel.status_description', type: 'string', value: s.status.message });
        const references: SpanRef[] = [];
        if (s.parentSpanId && !/^0*$/.test(s.parentSpanId) && s.parentSpanId !== 'AAAAAAAAAAA=') {
          references.push({ refType: 'CHILD_OF', traceId, spanId: normalizeId(s.parentSpanId, 16) });
        }
        for (const l of s.links ?? []) references.push({ refType: 'FOLLOWS_FROM', traceId: normalizeId(l.traceId, 32), spanId: normalizeId(l.spanId, 16) });
        const startTimeUs = nanosToMicros(s.startTimeUnixNano);
        const span: Span = {
          spanId: normalizeId(s.spanId, 16),
          operationName: s.name,
          processIndex: pIndex,
          serviceName,
          startTimeUs,
          durationUs: Math.max(0, nanosToMicros(s.endTimeUnixNano) - startTimeUs),
          kind,
          references,
          tags,
          logs: (s.events ?? []).map((e) => ({
            timestampUs: nanosToMicros(e.timeUnixNano),
            fields: [...(e.name ? [{ key: 'event', type: 'string' as const, value: e.name }] : []), ...attrs(e.attributes)],
          })),
          warnings: warningsOf(s.attributes),
          error: false,
        };
        span.error = spanIsError(tags);
        trace.spans.push(span);
      }
    }
  }
  return [...traces.values()];
}

/** Parses api_v3 / OTLP / Tempo trace JSON; throws TraceFormatError naming the first problem. */
export function parseOtlpTraces(json: unknown): Trace[] {
  const isWrapped = json !== null && typeof json === 'object' && 'result' in json;
  const wrapped = v3TracesSchema.safeParse(json);
  const parsed = wrapped.success ? { success: true as const, data: wrapped.data.result } : isWrapped ? wrapped : otlpTracesDataSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new TraceFormatError(`not OTLP trace JSON (${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'})`);
  }
  const list = parsed.data.resourceSpans ?? parsed.data.batches;
  if (!list) throw new TraceFormatError('not OTLP trace JSON (neither resourceSpans nor batches)');
  return fromResourceSpans(list);
}

/** Any supported trace document: v1 UI JSON, OTLP JSON, api_v3 or Tempo. */
export function isOtlpDocument(json: unknown): boolean {
  if (json === null || typeof json !== 'object') return false;
  return 'resourceSpans' in json || 'batches' in json || ('result' in json && typeof (json as { result: unknown }).result === 'object');
}
