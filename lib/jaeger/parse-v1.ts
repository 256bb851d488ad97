/**
 * Jaeger v1 "UI JSON" (`GET /api/traces/{id}`, `/api/traces?service=`, Jaeger UI downloads) into the
 * Trace model. Accepts the `{data, errors}` envelope, an array of traces, or a single trace.
 */
import { z } from 'zod';
import type { KeyValue, Span, SpanRef, Trace, TraceProcess } from './model';
import { normalizeId } from './ids';
import { checkKeyValue, v1EnvelopeSchema, v1TraceSchema, type V1Trace } from './schemas';
import { kindFromTags, spanIsError, toTagType } from './tags';

export class TraceFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceFormatError';
  }
}

function keyValues(list: readonly unknown[] | null | undefined, where: string): KeyValue[] {
  if (!list) return [];
  const out: KeyValue[] = new Array<KeyValue>(list.length);
  for (let i = 0; i < list.length; i += 1) {
    const kv = checkKeyValue(list[i]);
    if (typeof kv === 'string') throw new TraceFormatError(`not a Jaeger trace (${where}.${i}: ${kv})`);
    const value = kv.value ?? '';
    out[i] = { key: kv.key, type: toTagType(kv.type, value), value };
  }
  return out;
}

function refType(value: string): SpanRef['refType'] {
  return value.toUpperCase() === 'FOLLOWS_FROM' ? 'FOLLOWS_FROM' : 'CHILD_OF';
}

export function fromV1Trace(raw: V1Trace): Trace {
  const traceId = normalizeId(raw.traceID, 32);
  const processes: TraceProcess[] = [];
  const processIndex = new Map<string, number>();
  for (const [id, p] of Object.entries(raw.processes ?? {})) {
    processIndex.set(id, processes.length);
    processes.push({ serviceName: p.serviceName, tags: keyValues(p.tags, `processes.${id}.tags`) });
  }
  const spans: Span[] = raw.spans.map((s, n) => {
    let pIndex = s.processID !== undefined ? processIndex.get(s.processID) : undefined;
    if (pIndex === undefined) {
      // embedded process (Kafka/ES variant) or a processID missing from the map
      pIndex = processes.length;
      processes.push(s.process ? { serviceName: s.process.serviceName, tags: keyValues(s.process.tags, `spans.${n}.process.tags`) } : { serviceName: 'unknown-service', tags: [] });
    }
    const references: SpanRef[] = (s.references ?? []).map((r) => ({
      refType: refType(r.refType), traceId: normalizeId(r.traceID, 32), spanId: normalizeId(r.spanID, 16),
    }));
    if (references.length === 0 && s.parentSpanID && !/^0+$/.test(s.parentSpanID)) {
      references.push({ refType: 'CHILD_OF', traceId, spanId: normalizeId(s.parentSpanID, 16) });
    }
    const tags = keyValues(s.tags, `spans.${n}.tags`);
    return {
      spanId: normalizeId(s.spanID, 16),
      operationName: s.operationName,
      processIndex: pIndex,
      serviceName: processes[pIndex]?.serviceName ?? 'unknown-service',
      startTimeUs: s.startTime,
      durationUs: s.duration,
      kind: kindFromTags(tags),
      references,
      tags,
      logs: (s.logs ?? []).map((l, k) => ({ timestampUs: l.timestamp, fields: keyValues(l.fields, `spans.${n}.logs.${k}.fields`) })),
      warnings: s.warnings ?? [],
      error: spanIsError(tags),
    };
  });
  return { traceId, spans, processes, warnings: raw.warnings ?? [] };
}

function issue(err: z.ZodError): string {
  const first = err.issues[0];
  return first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
}

/** Parses any v1 document; throws TraceFormatError naming the first problem. */
export function parseV1Traces(json: unknown): Trace[] {
  let data: unknown = json;
  const env = v1EnvelopeSchema.safeParse(json);
  if (env.success && json !== null && typeof json === 'object' && 'data' in json) {
    data = env.data.data ?? [];
  }
  const list = Array.isArray(data) ? data : [data];
  return list.map((t, i) => {
    const parsed = v1TraceSchema.safeParse(t);
    if (!parsed.success) throw new TraceFormatError(`not a Jaeger trace (trace ${i}, ${issue(parsed.error)})`);
    return fromV1Trace(parsed.data);
  });
}
