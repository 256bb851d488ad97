'use client';
import { useEffect, useState, type FormEvent } from 'react';
import { DEFAULT_LIMIT, DEFAULT_LOOKBACK, LOOKBACKS } from '@/lib/jaeger/query';
import type { SearchForm as SearchFormValues } from '@/lib/jaeger/search-url';
import { useTraceOperations, useTraceServices } from './use-traces';

export interface SearchFormProps {
  value: SearchFormValues;
  onSubmit: (next: SearchFormValues) => void;
}

function formatMicros(us: string): string {
  const n = Number(us);
  return Number.isFinite(n) && n > 0 ? new Date(n / 1000).toLocaleString() : us;
}

/** The search form; a draft of the URL state, written back to the URL on submit. */
export function SearchForm({ value, onSubmit }: SearchFormProps) {
  const [draft, setDraft] = useState(value);
  // follow the URL when the search in it changes (back/forward, links) — but not on every re-render
  // with an equal search, which would wipe what the user is typing
  const valueKey = JSON.stringify(value);
  useEffect(() => setDraft(JSON.parse(valueKey) as SearchFormValues), [valueKey]);
  const services = useTraceServices();
  const operations = useTraceOperations(draft.service);
  const set = (k: keyof SearchFormValues) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const serviceOptions = [...new Set([...(services.data?.services ?? []), ...(draft.service ? [draft.service] : [])])].sort();
  const customRange = draft.start !== '' || draft.end !== '';

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(draft);
  }

  return (
    <form className="card trace-search-form" onSubmit={submit} aria-label="Search traces">
      <label>
        Service
        {services.error && !services.data ? (
          <input value={draft.service} onChange={set('service')} placeholder="productpage.default" aria-label="Service" />
        ) : (
          <select value={draft.service} onChange={(e) => setDraft((d) => ({ ...d, service: e.target.value, operation: '' }))} aria-label="Service">
            <option value="">Choose a service…</option>
            {serviceOptions.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        )}
      </label>
      <label>
        Operation
        <select value={draft.operation} onChange={set('operation')} aria-label="Operation" disabled={draft.service === ''}>
          <option value="">All operations</option>
          {[...new Set([...(operations.data?.operations.map((o) => o.name) ?? []), ...(draft.operation ? [draft.operation] : [])])].map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      </label>
      <label className="trace-search-form__wide">
        Tags
        <input value={draft.tags} onChange={set('tags')} placeholder="error=true http.status_code=503" aria-label="Tags" />
      </label>
      <label>
        Min duration
        <input value={draft.minDuration} onChange={set('minDuration')} placeholder="e.g. 100ms" aria-label="Min duration" size={8} />
      </label>
      <label>
        Max duration
        <input value={draft.maxDuration} onChange={set('maxDuration')} placeholder="e.g. 2s" aria-label="Max duration" size={8} />
      </label>
      {customRange ? (
        <div className="trace-search-form__range">
          <span className="muted">Range</span>
          <span>{formatMicros(draft.start)} – {draft.end ? formatMicros(draft.end) : 'now'}</span>
          <button type="button" onClick={() => setDraft((d) => ({ ...d, start: '', end: '' }))}>Use lookback</button>
        </div>
      ) : (
        <label>
          Lookback
          <select value={draft.lookback || DEFAULT_LOOKBACK} onChange={set('lookback')} aria-label="Lookback">
            {LOOKBACKS.map((l) => <option key={l} value={l}>Last {l}</option>)}
          </select>
        </label>
      )}
      <label>
        Limit
        <input type="number" min={1} max={1500} value={draft.limit || String(DEFAULT_LIMIT)} onChange={set('limit')} aria-label="Limit" style={{ width: 70 }} />
      </label>
      <button type="submit" className="primary" disabled={draft.service === ''}>Find traces</button>
    </form>
  );
}
