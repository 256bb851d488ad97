/**
 * The trace-search query: parsed and validated from URL params (the /traces page's URL and the
 * /api/traces route share this format), and turned into each backend's parameters.
 */
export interface TraceQuery {
  service: string;
  operation?: string;
  /** Tag filters, AND-ed: `error=true http.status_code=503`. */
  tags: Record<string, string>;
  startUs: number;
  endUs: number;
  /** Go duration strings (`100ms`, `1.5s`), as every Jaeger API takes them. */
  minDuration?: string;
  maxDuration?: string;
  limit: number;
}

export class TraceQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceQueryError';
  }
}

export const LOOKBACKS = ['5m', '15m', '30m', '1h', '2h', '6h', '12h', '24h', '2d', '7d'] as const;
export const DEFAULT_LOOKBACK = '1h';
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1500;

const GO_DURATION = /^(\d+(?:\.\d+)?)(us|µs|ms|s|m|h)$/;
const UNIT_US: Record<string, number> = { us: 1, µs: 1, ms: 1e3, s: 1e6, m: 6e7, h: 3.6e9 };

export function goDurationUs(value: string): number {
  const m = GO_DURATION.exec(value.trim());
  if (!m) throw new TraceQueryError(`"${value}" is not a duration like 100ms, 1.5s or 500us`);
  return Number(m[1]) * UNIT_US[m[2]!]!;
}

export function lookbackUs(value: string): number {
  const m = /^(\d+)(m|h|d)$/.exec(value);
  if (!m) throw new TraceQueryError(`lookback "${value}" must look like 15m, 2h or 7d`);
  return Number(m[1]) * (m[2] === 'm' ? 6e7 : m[2] === 'h' ? 3.6e9 : 8.64e10);
}

/**
 * Tags as people type them in Jaeger UI: `error=true http.status_code=503`, values optionally
 * quoted (`http.url="/a b"`). A JSON object (`{"error":"true"}`) is accepted too.
 */
export function parseTags(input: string): Record<string, string> {
  const text = input.trim();
  if (text === '') return {};
  if (text.startsWith('{')) {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      throw new TraceQueryError('tags: not valid JSON');
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new TraceQueryError('tags: expected a JSON object');
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, String(v)]));
  }
  const out: Record<string, string> = {};
  const re = /([^\s=]+)=("(?:[^"\\]|\\.)*"|\S*)/gy;
  let pos = 0;
  while (pos < text.length) {
    while (text[pos] === ' ') pos += 1;
    if (pos >= text.length) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new TraceQueryError(`tags: expected key=value at "${text.slice(pos, pos + 20)}"`);
    const raw = m[2]!;
    out[m[1]!] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    pos = re.lastIndex;
  }
  return out;
}

export function formatTags(tags: Record<string, string>): string {
  return Object.entries(tags).map(([k, v]) => (/[\s"]/.test(v) || v === '' ? `${k}="${v.replace(/"/g, '\\"')}"` : `${k}=${v}`)).join(' ');
}

type ParamSource = { get(name: string): string | null };

function microsParam(params: ParamSource, name: string): number | undefined {
  const v = params.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d{1,17}$/.test(v)) throw new TraceQueryError(`${name} must be microseconds since the epoch`);
  return Number(v);
}

/** Validates a search; throws TraceQueryError with a message for a 400. */
export function parseTraceQuery(params: ParamSource, nowUs: number): TraceQuery {
  const service = params.get('service')?.trim() ?? '';
  if (service === '') throw new TraceQueryError('service is required');
  if (service.length > 256) throw new TraceQueryError('service is too long');
  const operation = params.get('operation')?.trim() || undefined;
  const tags = parseTags(params.get('tags') ?? '');
  const minDuration = params.get('minDuration')?.trim() || undefined;
  const maxDuration = params.get('maxDuration')?.trim() || undefined;
  const minUs = minDuration !== undefined ? goDurationUs(minDuration) : undefined;
  const maxUs = maxDuration !== undefined ? goDurationUs(maxDuration) : undefined;
  if (minUs !== undefined && maxUs !== undefined && maxUs < minUs) throw new TraceQueryError('maxDuration must not be below minDuration');
  const limitRaw = params.get('limit');
  const limit = limitRaw === null || limitRaw === '' ? DEFAULT_LIMIT : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new TraceQueryError(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  const end = microsParam(params, 'end') ?? nowUs;
  const start = microsParam(params, 'start') ?? end - lookbackUs(params.get('lookback') || DEFAULT_LOOKBACK);
  if (start >= end) throw new TraceQueryError('start must be before end');
  return { service, operation, tags, startUs: start, endUs: end, minDuration, maxDuration, limit };
}

/** µs since epoch → RFC 3339 with microseconds (api_v3 times). */
export function rfc3339Micros(us: number): string {
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString(); // …:SS.mmmZ
  return `${iso.slice(0, -1)}${String(Math.floor(us % 1000)).padStart(3, '0')}Z`;
}

export function v1SearchParams(q: TraceQuery): URLSearchParams {
  const p = new URLSearchParams({ service: q.service, start: String(q.startUs), end: String(q.endUs), limit: String(q.limit) });
  if (q.operation) p.set('operation', q.operation);
  if (Object.keys(q.tags).length > 0) p.set('tags', JSON.stringify(q.tags));
  if (q.minDuration) p.set('minDuration', q.minDuration);
  if (q.maxDuration) p.set('maxDuration', q.maxDuration);
  return p;
}

/** snake_case `query.*` names: understood by every Jaeger 2.x (camelCase only since 2.19). */
export function v3SearchParams(q: TraceQuery): URLSearchParams {
  const p = new URLSearchParams({
    'query.service_name': q.service,
    'query.start_time_min': rfc3339Micros(q.startUs),
    'query.start_time_max': rfc3339Micros(q.endUs),
    'query.num_traces': String(q.limit),
  });
  if (q.operation) p.set('query.operation_name', q.operation);
  if (Object.keys(q.tags).length > 0) p.set('query.attributes', JSON.stringify(q.tags));
  if (q.minDuration) p.set('query.duration_min', q.minDuration);
  if (q.maxDuration) p.set('query.duration_max', q.maxDuration);
  return p;
}

/** Tempo `/api/search`: logfmt tags, times in Unix seconds. */
export function tempoSearchParams(q: TraceQuery): URLSearchParams {
  const tags: Record<string, string> = { 'service.name': q.service, ...(q.operation ? { name: q.operation } : {}), ...q.tags };
  const p = new URLSearchParams({
    tags: formatTags(tags),
    start: String(Math.floor(q.startUs / 1e6)),
    end: String(Math.ceil(q.endUs / 1e6)),
    limit: String(q.limit),
  });
  if (q.minDuration) p.set('minDuration', q.minDuration);
  if (q.maxDuration) p.set('maxDuration', q.maxDuration);
  return p;
}
