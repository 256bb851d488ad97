/** Small helpers over tag lists: lookup, typed values, error and kind detection. */
import type { KeyValue, SpanKind, TagType, TagValue } from './model';

export function tagValue(tags: readonly KeyValue[], key: string): TagValue | undefined {
  for (const t of tags) if (t.key === key) return t.value;
  return undefined;
}

export function tagString(tags: readonly KeyValue[], key: string): string | undefined {
  const v = tagValue(tags, key);
  return v === undefined ? undefined : String(v);
}

const TYPES: readonly TagType[] = ['string', 'bool', 'int64', 'float64', 'binary'];

export function toTagType(type: string | undefined, value: TagValue): TagType {
  const t = type?.toLowerCase();
  if (t && (TYPES as readonly string[]).includes(t)) return t as TagType;
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  return 'string';
}

/** Envoy writes every tag as a string, so `error` is "true"; a string "false" is not an error. */
export function isErrorValue(value: TagValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return value.trim().toLowerCase() === 'true';
}

export function spanIsError(tags: readonly KeyValue[]): boolean {
  for (const t of tags) {
    if (t.key === 'error' && isErrorValue(t.value)) return true;
    if (t.key === 'otel.status_code' && String(t.value).toUpperCase() === 'ERROR') return true;
  }
  return false;
}

const KINDS: Record<string, SpanKind> = {
  client: 'client', server: 'server', producer: 'producer', consumer: 'consumer', internal: 'internal',
};

export function kindFromTags(tags: readonly KeyValue[]): SpanKind {
  return kindFromValue(tagValue(tags, 'span.kind'));
}

/** The value of a `span.kind` tag as a kind. */
export function kindFromValue(value: TagValue | undefined): SpanKind {
  const v = value === undefined ? undefined : String(value).toLowerCase();
  return (v && KINDS[v]) || 'unspecified';
}

/** OTLP kind: enum number (1 internal … 5 consumer) or its name (`SPAN_KIND_CLIENT`). */
export function kindFromOtlp(kind: number | string | undefined): SpanKind {
  if (kind === undefined) return 'unspecified';
  if (typeof kind === 'number') return (['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const)[kind] ?? 'unspecified';
  const name = kind.replace(/^SPAN_KIND_/i, '').toLowerCase();
  return KINDS[name] ?? 'unspecified';
}
