/**
 * The /traces page keeps its search in the URL with the same keys /api/traces takes, so a link
 * (from the graph or a service page: /traces?service=<app>.<ns>&start=<µs>&end=<µs>) is a search.
 */
export const SEARCH_KEYS = ['service', 'operation', 'tags', 'minDuration', 'maxDuration', 'lookback', 'limit', 'start', 'end'] as const;
export type SearchKey = (typeof SEARCH_KEYS)[number];
export type SearchForm = Record<SearchKey, string>;

type ParamSource = { get(name: string): string | null };

export function readSearchForm(params: ParamSource): SearchForm {
  const out = {} as SearchForm;
  for (const k of SEARCH_KEYS) out[k] = params.get(k) ?? '';
  return out;
}

/** The API URL for a search, or null when no service is chosen yet. */
export function searchApiUrl(form: SearchForm): string | null {
  if (form.service.trim() === '') return null;
  const q = new URLSearchParams();
  for (const k of SEARCH_KEYS) if (form[k].trim() !== '') q.set(k, form[k].trim());
  return `/api/traces?${q.toString()}`;
}

/** URL changes for a submitted form: empty fields are removed. */
export function formChanges(form: SearchForm): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const k of SEARCH_KEYS) out[k] = form[k].trim() === '' ? null : form[k].trim();
  return out;
}
