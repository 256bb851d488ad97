/**
 * The simulator's Jaeger query API, as Jaeger 2.x serves it: api_v3 (`/api/v3/services`,
 * `/api/v3/operations`, `/api/v3/traces` search and `/api/v3/trace-summaries` with `query.*`
 * parameters in snake_case or camelCase, `/api/v3/traces/{id}`, OTLP JSON) and the v1 UI JSON
 * endpoints (`/api/services`, `/api/services/{s}/operations`, `/api/operations`, `/api/traces`,
 * `/api/traces/{id}`), with Jaeger's envelopes and error shapes.
 */
import type { SimSpan, TraceStore } from './trace-store';

export interface JaegerAnswer {
  status: number;
  body: unknown;
}

interface SearchQuery {
  service?: string;
  operation?: string;
  tags: Record<string, string>;
  startUs: number;
  endUs: number;
  minDurationUs?: number;
  maxDurationUs?: number;
  limit: number;
}

class BadRequest extends Error {}

function parseGoDurationUs(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined;
  const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/.exec(value.trim());
  if (!m) throw new BadRequest(`unable to parse param '${name}': time: invalid duration "${value}"`);
  const factor: Record<string, number> = { ns: 0.001, us: 1, µs: 1, ms: 1000, s: 1e6, m: 6e7, h: 3.6e9 };
  return Number(m[1]) * (factor[m[2] ?? 'us'] ?? 1);
}

function parseRfc3339Us(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new BadRequest(`malformed parameter ${name}: ${value}`);
  const frac = /\.(\d+)/.exec(value)?.[1] ?? '';
  const extraUs = frac.length > 3 ? Number(frac.slice(3, 6).padEnd(3, '0')) : 0;
  return ms * 1000 + extraUs;
}

function spanHasTags(span: SimSpan, tags: Record<string, string>): boolean {
  return Object.entries(tags).every(([k, v]) => {
    const value = span.tags[k] ?? span.processTags[k];
    return value !== undefined && String(value) === v;
  });
}

function search(store: TraceStore, q: SearchQuery): SimSpan[][] {
  const found: SimSpan[][] = [];
  for (const trace of store.all()) {
    const start = Math.min(...trace.map((s) => s.startTimeUs));
    if (start < q.startUs || start > q.endUs) continue;
    const match = trace.some(
      (s) =>
        (q.service === undefined || s.serviceName === q.service) &&
        (q.operation === undefined || s.operationName === q.operation) &&
        spanHasTags(s, q.tags) &&
        (q.minDurationUs === undefined || s.durationUs >= q.minDurationUs) &&
        (q.maxDurationUs === undefined || s.durationUs <= q.maxDurationUs),
    );
    if (match) found.push(trace);
  }
  found.sort((a, b) => Math.min(...b.map((s) => s.startTimeUs)) - Math.min(...a.map((s) => s.startTimeUs)));
  return found.slice(0, q.limit);
}

function services(store: TraceStore): string[] {
  const set = new Set<string>();
  for (const trace of store.all()) for (const s of trace) set.add(s.serviceName);
  return [...set].sort();
}

function operations(store: TraceStore, service: string, kind?: string): Array<{ name: string; spanKind: string }> {
  const seen = new Map<string, { name: string; spanKind: string }>();
  for (const trace of store.all()) {
    for (const s of trace) {
      if (s.serviceName !== service || (kind && s.kind !== kind)) continue;
      seen.set(`${s.operationName}|${s.kind}`, { name: s.operationName, spanKind: s.kind });
    }
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

// ---- v1 (UI JSON) ----

function kv(key: string, value: string | number | boolean) {
  const type = typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? (Number.isInteger(value) ? 'int64' : 'float64') : 'string';
  return { key, type, value };
}

function toV1Trace(trace: SimSpan[]) {
  const processes: Record<string, { serviceName: string; tags: ReturnType<typeof kv>[] }> = {};
  const processIds = new Map<string, string>();
  const spans = trace.map((s) => {
    const processKey = `${s.serviceName}|${JSON.stringify(s.processTags)}`;
    let pid = processIds.get(processKey);
    if (!pid) {
      pid = `p${processIds.size + 1}`;
      processIds.set(processKey, pid);
      processes[pid] = { serviceName: s.serviceName, tags: Object.entries(s.processTags).map(([k, v]) => kv(k, v)) };
    }
    return {
      traceID: s.traceId,
      spanID: s.spanId,
      operationName: s.operationName,
      references: s.parentSpanId ? [{ refType: 'CHILD_OF', traceID: s.traceId, spanID: s.parentSpanId }] : [],
      startTime: s.startTimeUs,
      duration: s.durationUs,
      tags: [...Object.entries(s.tags).map(([k, v]) => kv(k, v)), kv('span.kind', s.kind)],
      logs: (s.logs ?? []).map((l) => ({ timestamp: l.timestampUs, fields: Object.entries(l.fields).map(([k, v]) => kv(k, v)) })),
      processID: pid,
      warnings: null,
    };
  });
  return { traceID: trace[0]?.traceId ?? '', spans, processes, warnings: null };
}

function v1Envelope(data: unknown, total = 0) {
  return { data, total, limit: 0, offset: 0, errors: null };
}

function v1Error(code: number, msg: string): JaegerAnswer {
  return { status: code, body: { data: null, total: 0, limit: 0, offset: 0, errors: [{ code, msg }] } };
}

function v1Search(url: URL, store: TraceStore): JaegerAnswer {
  const p = url.searchParams;
  const ids = p.getAll('traceID');
  if (ids.length > 0) {
    const data = ids.map((id) => store.get(normalizeId(id))).filter((t): t is SimSpan[] => t !== undefined).map(toV1Trace);
    return { status: 200, body: v1Envelope(data) };
  }
  const service = p.get('service');
  if (!service) return v1Error(400, "parameter 'service' is required");
  const tags: Record<string, string> = {};
  for (const raw of p.getAll('tags')) {
    try {
      Object.assign(tags, JSON.parse(raw) as Record<string, string>);
    } catch {
      return v1Error(400, `malformed 'tags' parameter: ${raw}`);
    }
  }
  for (const t of p.getAll('tag')) {
    const i = t.indexOf(':');
    if (i <= 0) return v1Error(400, `malformed 'tag' parameter, expecting key:value, received: ${t}`);
    tags[t.slice(0, i)] = t.slice(i + 1);
  }
  const nowUs = Date.now() * 1000;
  const minDurationUs = parseGoDurationUs(p.get('minDuration'), 'minDuration');
  const maxDurationUs = parseGoDurationUs(p.get('maxDuration'), 'maxDuration');
  if (minDurationUs !== undefined && maxDurationUs !== undefined && maxDurationUs < minDurationUs) {
    return v1Error(400, "'maxDuration' should be greater than 'minDuration'");
  }
  const traces = search(store, {
    service,
    operation: p.get('operation') ?? undefined,
    tags,
    startUs: p.get('start') ? Number(p.get('start')) : nowUs - 2 * 86_400e6,
    endUs: p.get('end') ? Number(p.get('end')) : nowUs,
    minDurationUs,
    maxDurationUs,
    limit: p.get('limit') ? Math.max(1, Number(p.get('limit'))) : 100,
  });
  return { status: 200, body: v1Envelope(traces.map(toV1Trace)) };
}

// ---- api_v3 (OTLP JSON) ----

function attr(key: string, value: string | number | boolean) {
  if (typeof value === 'boolean') return { key, value: { boolValue: value } };
  if (typeof value === 'number') return Number.isInteger(value) ? { key, value: { intValue: String(value) } } : { key, value: { doubleValue: value } };
  return { key, value: { stringValue: value } };
}

function toResourceSpans(trace: SimSpan[]) {
  const byProcess = new Map<string, SimSpan[]>();
  for (const s of trace) {
    const k = `${s.serviceName}|${JSON.stringify(s.processTags)}`;
    byProcess.set(k, [...(byProcess.get(k) ?? []), s]);
  }
  return [...byProcess.values()].map((spans) => ({
    resource: {
      attributes: [attr('service.name', spans[0]?.serviceName ?? ''), ...Object.entries(spans[0]?.processTags ?? {}).map(([k, v]) => attr(k, v))],
    },
    scopeSpans: [
      {
        scope: {},
        spans: spans.map((s) => {
          const isError = s.tags.error === 'true' || s.tags.error === true;
          return {
            traceId: s.traceId,
            spanId: s.spanId,
            ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
            name: s.operationName,
            kind: s.kind === 'server' ? 2 : 3,
            startTimeUnixNano: (BigInt(s.startTimeUs) * 1000n).toString(),
            endTimeUnixNano: (BigInt(s.startTimeUs + s.durationUs) * 1000n).toString(),
            attributes: Object.entries(s.tags).map(([k, v]) => attr(k, v)),
            events: (s.logs ?? []).map((l) => ({ timeUnixNano: (BigInt(l.timestampUs) * 1000n).toString(), name: String(l.fields.event ?? 'log'), attributes: Object.entries(l.fields).map(([k, v]) => attr(k, v)) })),
            status: isError ? { code: 2 } : {},
          };
        }),
      },
    ],
  }));
}

function v3Error(httpCode: number, message: string): JaegerAnswer {
  return { status: httpCode, body: { error: { grpcCode: httpCode === 404 ? 5 : 3, httpCode, message, httpStatus: httpCode === 404 ? 'Not Found' : 'Bad Request' } } };
}

function v3Query(p: URLSearchParams): SearchQuery {
  const get = (camel: string, snake: string) => p.get(`query.${camel}`) ?? p.get(`query.${snake}`);
  const startUs = parseRfc3339Us(get('startTimeMin', 'start_time_min'), 'query.start_time_min');
  const endUs = parseRfc3339Us(get('startTimeMax', 'start_time_max'), 'query.start_time_max');
  if (startUs === undefined || endUs === undefined) throw new BadRequest('start time min and max are required parameters');
  if (endUs < startUs) throw new BadRequest('start time min must be before start time max');
  const attributes = get('attributes', 'attributes');
  let tags: Record<string, string> = {};
  if (attributes) {
    try {
      tags = JSON.parse(attributes) as Record<string, string>;
    } catch {
      throw new BadRequest(`malformed parameter query.attributes: ${attributes}`);
    }
  }
  const depth = get('searchDepth', 'num_traces');
  return {
    service: get('serviceName', 'service_name') ?? undefined,
    operation: get('operationName', 'operation_name') ?? undefined,
    tags,
    startUs,
    endUs,
    minDurationUs: parseGoDurationUs(get('durationMin', 'duration_min'), 'query.duration_min'),
    maxDurationUs: parseGoDurationUs(get('durationMax', 'duration_max'), 'query.duration_max'),
    limit: depth ? Math.max(1, Number(depth)) : 100,
  };
}

function summary(trace: SimSpan[]) {
  const ids = new Set(trace.map((s) => s.spanId));
  const root = trace.find((s) => !s.parentSpanId) ?? trace[0];
  const isError = (s: SimSpan) => s.tags.error === 'true' || s.tags.error === true;
  const perService = new Map<string, { name: string; spanCount: number; errorSpanCount: number }>();
  for (const s of trace) {
    const e = perService.get(s.serviceName) ?? { name: s.serviceName, spanCount: 0, errorSpanCount: 0 };
    e.spanCount += 1;
    if (isError(s)) e.errorSpanCount += 1;
    perService.set(s.serviceName, e);
  }
  const start = Math.min(...trace.map((s) => s.startTimeUs));
  const end = Math.max(...trace.map((s) => s.startTimeUs + s.durationUs));
  return {
    traceId: root?.traceId ?? '',
    rootServiceName: root?.serviceName ?? '',
    rootOperationName: root?.operationName ?? '',
    minStartTimeUnixNano: (BigInt(start) * 1000n).toString(),
    maxEndTimeUnixNano: (BigInt(end) * 1000n).toString(),
    spanCount: trace.length,
    errorSpanCount: trace.filter(isError).length,
    orphanSpanCount: trace.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId)).length,
    services: [...perService.values()],
  };
}

function normalizeId(id: string): string {
  const hex = /^[0-9a-fA-F]+$/.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex');
  return hex.padStart(32, '0');
}

/** Answers a Jaeger query API path from the store, or returns null for other paths. */
export function handleJaegerRequest(url: URL, store: TraceStore): JaegerAnswer | null {
  const path = url.pathname.replace(/\/+$/, '');
  try {
    if (path === '/api/v3/services') return { status: 200, body: { services: services(store) } };
    if (path === '/api/v3/operations') {
      const service = url.searchParams.get('service');
      if (!service) return v3Error(400, 'service is required');
      return { status: 200, body: { operations: operations(store, service, url.searchParams.get('spanKind') ?? url.searchParams.get('span_kind') ?? undefined) } };
    }
    if (path === '/api/v3/traces' || path === '/api/v3/trace-summaries') {
      const traces = search(store, v3Query(url.searchParams));
      if (traces.length === 0) return v3Error(404, 'No traces found');
      if (path === '/api/v3/trace-summaries') return { status: 200, body: { summaries: traces.map(summary) } };
      return { status: 200, body: { result: { resourceSpans: traces.flatMap(toResourceSpans) } } };
    }
    const v3One = /^\/api\/v3\/traces\/([^/]+)$/.exec(path);
    if (v3One) {
      const trace = store.get(normalizeId(decodeURIComponent(v3One[1] ?? '')));
      if (!trace) return v3Error(404, 'trace not found');
      return { status: 200, body: { result: { resourceSpans: toResourceSpans(trace) } } };
    }
    if (path === '/api/services') {
      const list = services(store);
      return { status: 200, body: v1Envelope(list, list.length) };
    }
    const ops = /^\/api\/services\/([^/]+)\/operations$/.exec(path);
    if (ops) {
      const list = [...new Set(operations(store, decodeURIComponent(ops[1] ?? '')).map((o) => o.name))];
      return { status: 200, body: v1Envelope(list, list.length) };
    }
    if (path === '/api/operations') {
      const service = url.searchParams.get('service');
      if (!service) return v1Error(400, "parameter 'service' is required");
      const list = operations(store, service, url.searchParams.get('spanKind') ?? undefined);
      return { status: 200, body: v1Envelope(list, list.length) };
    }
    if (path === '/api/traces') return v1Search(url, store);
    const v1One = /^\/api\/traces\/([^/]+)$/.exec(path);
    if (v1One) {
      const trace = store.get(normalizeId(decodeURIComponent(v1One[1] ?? '')));
      if (!trace) return v1Error(404, 'trace not found');
      return { status: 200, body: v1Envelope([toV1Trace(trace)]) };
    }
    return null;
  } catch (err) {
    if (err instanceof BadRequest) return path.startsWith('/api/v3') ? v3Error(400, err.message) : v1Error(400, err.message);
    throw err;
  }
}
