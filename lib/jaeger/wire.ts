/**
 * The compact form of a Trace sent from /api/traces/{id} to the browser. Istio traces repeat the
 * same few hundred tag keys and values across every span, so strings are interned once, each
 * distinct (key, type, value) triple is sent once, and a span lists triple indexes. A 50,000-span
 * trace shrinks ~10× and decodes into spans that share their KeyValue objects.
 */
import type { KeyValue, Span, SpanKind, TagType, Trace } from './model';

export const WIRE_FORMAT = 'meshscope-trace/1';
const TYPES: readonly TagType[] = ['string', 'bool', 'int64', 'float64', 'binary'];
const KINDS: readonly SpanKind[] = ['unspecified', 'client', 'server', 'producer', 'consumer', 'internal'];

/** [spanId, op, process, startOffsetUs, durationUs, kind, error, tags, refs, logs, warnings] */
export type WireSpan = [string, number, number, number, number, number, 0 | 1, number[], number[], Array<[number, number[]]> | 0, number[] | 0];

export interface WireTrace {
  format: typeof WIRE_FORMAT;
  traceId: string;
  baseUs: number;
  warnings: string[];
  strings: string[];
  /** Flat [keyString, typeIndex, valueString] per distinct tag. */
  kvs: number[];
  processes: Array<[number, number[]]>;
  spans: WireSpan[];
}

/** String and tag-triple interning shared by the encoders. */
export interface WireInterner {
  strings: string[];
  kvs: number[];
  str(s: string): number;
  /** Index of the (key, type, value) triple; `value` as sent (numbers and booleans stringified). */
  kv(key: string, type: TagType, value: KeyValue['value']): number;
}

export function createInterner(): WireInterner {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const str = (s: string) => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  const kvs: number[] = [];
  // key → (type-prefixed value → triple index); nested maps avoid building a key string per tag
  const kvIndex = new Map<string, Map<string, number>>();
  const kv = (key: string, tagType: TagType, raw: KeyValue['value']) => {
    const type = tagType === 'string' ? 0 : Math.max(0, TYPES.indexOf(tagType));
    const value = typeof raw === 'string' ? raw : String(raw);
    const vKey = type === 0 ? value : `${type}\u0000${value}`;
    let byValue = kvIndex.get(key);
    if (!byValue) {
      byValue = new Map();
      kvIndex.set(key, byValue);
    }
    let i = byValue.get(vKey);
    if (i === undefined) {
      i = kvs.length / 3;
      kvs.push(str(key), type, str(value));
      byValue.set(vKey, i);
    }
    return i;
  };
  return { strings, kvs, str, kv };
}

export const kindIndex = (kind: SpanKind): number => Math.max(0, KINDS.indexOf(kind));

export function encodeTrace(trace: Trace): WireTrace {
  const { strings, kvs, str, kv: kvRaw } = createInterner();
  const kv = (t: KeyValue) => kvRaw(t.key, t.type, t.value);
  let baseUs = Infinity;
  for (const s of trace.spans) if (s.startTimeUs < baseUs) baseUs = s.startTimeUs;
  if (!Number.isFinite(baseUs)) baseUs = 0;
  const spans: WireSpan[] = trace.spans.map((s) => {
    const refs: number[] = [];
    for (const r of s.references) refs.push(r.refType === 'FOLLOWS_FROM' ? 1 : 0, str(r.traceId), str(r.spanId));
    return [
      s.spanId, str(s.operationName), s.processIndex, s.startTimeUs - baseUs, s.durationUs, kindIndex(s.kind), s.error ? 1 : 0,
      s.tags.map(kv), refs,
      s.logs.length > 0 ? s.logs.map((l) => [l.timestampUs - baseUs, l.fields.map(kv)] as [number, number[]]) : 0,
      s.warnings.length > 0 ? s.warnings.map(str) : 0,
    ];
  });
  return {
    format: WIRE_FORMAT, traceId: trace.traceId, baseUs, warnings: trace.warnings, strings, kvs,
    processes: trace.processes.map((p) => [str(p.serviceName), p.tags.map(kv)]), spans,
  };
}

function tagValue(type: TagType, raw: string): KeyValue['value'] {
  if (type === 'bool') return raw === 'true';
  if (type === 'float64') return Number(raw);
  if (type === 'int64') {
    const n = Number(raw);
    return Number.isSafeInteger(n) ? n : raw;
  }
  return raw;
}

export function decodeTrace(w: WireTrace): Trace {
  if (w.format !== WIRE_FORMAT) throw new Error(`unknown trace format ${String(w.format)}`);
  const { strings } = w;
  const kvObjects: KeyValue[] = new Array<KeyValue>(w.kvs.length / 3);
  for (let i = 0; i < kvObjects.length; i += 1) {
    const type = TYPES[w.kvs[3 * i + 1]!] ?? 'string';
    kvObjects[i] = { key: strings[w.kvs[3 * i]!]!, type, value: tagValue(type, strings[w.kvs[3 * i + 2]!]!) };
  }
  const kvs = (list: number[]) => list.map((i) => kvObjects[i]!);
  const processes = w.processes.map(([s, t]) => ({ serviceName: strings[s]!, tags: kvs(t) }));
  const spans: Span[] = w.spans.map(([id, op, p, start, dur, kind, err, tags, refs, logs, warnings]) => {
    const references: Span['references'] = [];
    for (let k = 0; k < refs.length; k += 3) {
      references.push({ refType: refs[k] === 1 ? 'FOLLOWS_FROM' : 'CHILD_OF', traceId: strings[refs[k + 1]!]!, spanId: strings[refs[k + 2]!]! });
    }
    return {
      spanId: id,
      operationName: strings[op]!,
      processIndex: p,
      serviceName: processes[p]?.serviceName ?? 'unknown-service',
      startTimeUs: start + w.baseUs,
      durationUs: dur,
      kind: KINDS[kind] ?? 'unspecified',
      references,
      tags: kvs(tags),
      logs: logs === 0 ? [] : logs.map(([ts, fields]) => ({ timestampUs: ts + w.baseUs, fields: kvs(fields) })),
      warnings: warnings === 0 ? [] : warnings.map((i) => strings[i]!),
      error: err === 1,
    };
  });
  return { traceId: w.traceId, spans, processes, warnings: w.warnings };
}
