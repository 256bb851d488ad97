/**
 * Jaeger v1 UI JSON straight into the wire format, for /api/traces/{id}: the same rules as
 * parse-v1.ts (the parity test holds them together) without building the Trace model first, which
 * on a 50,000-span trace saves allocating ~900,000 tag objects on the server.
 */
import type { TagType } from './model';
import { normalizeId } from './ids';
import { TraceFormatError } from './parse-v1';
import { checkKeyValue, v1EnvelopeSchema, v1TraceSchema, type V1Trace } from './schemas';
import { isErrorValue, kindFromValue, toTagType } from './tags';
import { createInterner, kindIndex, WIRE_FORMAT, type WireInterner, type WireSpan, type WireTrace } from './wire';

interface TagScan {
  indexes: number[];
  kind: ReturnType<typeof kindFromValue>;
  error: boolean;
}

function scanTags(list: readonly unknown[] | null | undefined, interner: WireInterner, where: () => string): TagScan {
  const out: TagScan = { indexes: [], kind: 'unspecified', error: false };
  if (!list) return out;
  out.indexes = new Array<number>(list.length);
  let kindSeen = false;
  for (let i = 0; i < list.length; i += 1) {
    const kv = checkKeyValue(list[i]);
    if (typeof kv === 'string') throw new TraceFormatError(`not a Jaeger trace (${where()}.${i}: ${kv})`);
    const value = kv.value ?? '';
    const type: TagType = toTagType(kv.type, value);
    out.indexes[i] = interner.kv(kv.key, type, value);
    if (kv.key === 'span.kind' && !kindSeen) {
      kindSeen = true;
      out.kind = kindFromValue(value);
    } else if (kv.key === 'error' && isErrorValue(value)) out.error = true;
    else if (kv.key === 'otel.status_code' && String(value).toUpperCase() === 'ERROR') out.error = true;
  }
  return out;
}

export function v1TraceToWire(raw: V1Trace): WireTrace {
  const interner = createInterner();
  const { str } = interner;
  const traceId = normalizeId(raw.traceID, 32);
  const processes: Array<[number, number[]]> = [];
  const processIndex = new Map<string, number>();
  for (const [id, p] of Object.entries(raw.processes ?? {})) {
    processIndex.set(id, processes.length);
    processes.push([str(p.serviceName), scanTags(p.tags, interner, () => `processes.${id}.tags`).indexes]);
  }
  let baseUs = Infinity;
  for (const s of raw.spans) if (s.startTime < baseUs) baseUs = s.startTime;
  if (!Number.isFinite(baseUs)) baseUs = 0;
  const spans: WireSpan[] = raw.spans.map((s, n) => {
    let pIndex = s.processID !== undefined ? processIndex.get(s.processID) : undefined;
    if (pIndex === undefined) {
      pIndex = processes.length;
      processes.push(s.process
        ? [str(s.process.serviceName), scanTags(s.process.tags, interner, () => `spans.${n}.process.tags`).indexes]
        : [str('unknown-service'), []]);
    }
    const refs: number[] = [];
    for (const r of s.references ?? []) {
      refs.push(r.refType.toUpperCase() === 'FOLLOWS_FROM' ? 1 : 0, str(normalizeId(r.traceID, 32)), str(normalizeId(r.spanID, 16)));
    }
    if (refs.length === 0 && s.parentSpanID && !/^0+$/.test(s.parentSpanID)) refs.push(0, str(traceId), str(normalizeId(s.parentSpanID, 16)));
    const tags = scanTags(s.tags, interner, () => `spans.${n}.tags`);
    const logs = (s.logs ?? []).map((l, k) => [l.timestamp - baseUs, scanTags(l.fields, interner, () => `spans.${n}.logs.${k}.fields`).indexes] as [number, number[]]);
    const warnings = s.warnings ?? [];
    return [
      normalizeId(s.spanID, 16), str(s.operationName), pIndex, s.startTime - baseUs, s.duration, kindIndex(tags.kind), tags.error ? 1 : 0,
      tags.indexes, refs, logs.length > 0 ? logs : 0, warnings.length > 0 ? warnings.map(str) : 0,
    ];
  });
  return {
    format: WIRE_FORMAT, traceId, baseUs, warnings: raw.warnings ?? [], strings: interner.strings, kvs: interner.kvs, processes, spans,
  };
}

/** A v1 document (envelope, array or single trace) to wire traces; throws TraceFormatError. */
export function v1DocumentToWire(json: unknown): WireTrace[] {
  let data: unknown = json;
  const env = v1EnvelopeSchema.safeParse(json);
  if (env.success && json !== null && typeof json === 'object' && 'data' in json) data = env.data.data ?? [];
  const list = Array.isArray(data) ? data : [data];
  return list.map((t, i) => {
    const parsed = v1TraceSchema.safeParse(t);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new TraceFormatError(`not a Jaeger trace (trace ${i}, ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'})`);
    }
    return v1TraceToWire(parsed.data);
  });
}
