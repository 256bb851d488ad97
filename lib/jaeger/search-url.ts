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

export interface TracesLink {
  /** Istio's trace service name: `<app>.<namespace>`. */
  app: string;
  namespace: string;
  /** Window in µs since the epoch (optional; the page's lookback applies otherwise). */
  startUs?: number;
  endUs?: number;
  /** For a graph edge: only spans whose upstream is this destination service host and port. */
  upstream?: { host: string; port: number };
  errorsOnly?: boolean;
}

/**
 * The /traces URL the graph and the service pages link to:
 * `/traces?service=<app>.<ns>[&start=<µs>&end=<µs>][&tags=upstream_cluster=outbound|<port>||<host>]`.
 */
export function tracesHref(link: TracesLink): string {
  const q = new URLSearchParams({ service: `${link.app}.${link.namespace}` });
  if (link.startUs !== undefined) q.set('start', String(Math.floor(link.startUs)));
  if (link.endUs !== undefined) q.set('end', String(Math.ceil(link.endUs)));
  const tags: string[] = [];
  if (link.upstream) tags.push(`upstream_cluster=outbound|${link.upstream.port}||${link.upstream.host}`);
  if (link.errorsOnly) tags.push('error=true');
  if (tags.length > 0) q.set('tags', tags.join(' '));
  return `/traces?${q.toString()}`;
}
