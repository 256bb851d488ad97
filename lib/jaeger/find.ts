/**
 * In-trace text search: whitespace-separated terms, all must match (case-insensitive) one of the
 * span's operation, service, span id, a tag or process tag key, value or `key=value`, or a log field.
 */
import type { KeyValue, Span, TraceProcess } from './model';

function kvMatches(list: readonly KeyValue[], term: string): boolean {
  for (const t of list) {
    const k = t.key.toLowerCase();
    const v = String(t.value).toLowerCase();
    if (k.includes(term) || v.includes(term) || `${k}=${v}`.includes(term)) return true;
  }
  return false;
}

export function spanMatches(span: Span, process: TraceProcess | undefined, terms: readonly string[]): boolean {
  return terms.every((term) =>
    span.operationName.toLowerCase().includes(term)
    || span.serviceName.toLowerCase().includes(term)
    || span.spanId === term
    || kvMatches(span.tags, term)
    || (process !== undefined && kvMatches(process.tags, term))
    || span.logs.some((l) => kvMatches(l.fields, term)));
}

export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((t) => t !== '');
}

/** Indexes of matching spans (ascending); empty query → none. */
export function findSpans(spans: readonly Span[], processes: readonly TraceProcess[], query: string): number[] {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  const out: number[] = [];
  for (let i = 0; i < spans.length; i += 1) if (spanMatches(spans[i]!, processes[spans[i]!.processIndex], terms)) out.push(i);
  return out;
}
