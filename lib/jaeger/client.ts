/**
 * Client for the Jaeger query HTTP APIs (api_v3 with v1 fallback) and Grafana Tempo: a function
 * per endpoint, responses validated into the Trace model, every failure an AppError naming
 * "jaeger". The flavour is detected on first use and re-detected after a failure.
 */
import { AppError } from '../server/errors';
import { describeFlavour, probeJaegerApi, type JaegerApiInfo } from './detect';
import type { Operation, Trace, TraceSummary } from './model';
import { isTraceIdParam, normalizeId } from './ids';
import { parseTraceDocument, TraceFormatError } from './parse';
import { isOtlpDocument, nanosToMicros } from './parse-otlp';
import { tempoSearchParams, v1SearchParams, v3SearchParams, type TraceQuery } from './query';
import {
  tempoSearchSchema, tempoTagValuesSchema, v1EnvelopeSchema, v3ErrorSchema, v3OperationsSchema, v3ServicesSchema, v3SummariesSchema,
} from './schemas';
import { summarizeTrace } from './summary';
import { badResponse, createTransport, upstreamError, type JaegerAnswer, type TransportOptions } from './transport';
import { encodeTrace, type WireTrace } from './wire';
import { v1DocumentToWire } from './wire-v1';

export interface JaegerClient {
  readonly baseUrl: string;
  detect(signal?: AbortSignal): Promise<JaegerApiInfo>;
  services(signal?: AbortSignal): Promise<string[]>;
  operations(service: string, signal?: AbortSignal): Promise<Operation[]>;
  searchTraces(q: TraceQuery, signal?: AbortSignal): Promise<TraceSummary[]>;
  /** The trace, or null when the backend does not know the id. */
  getTrace(traceId: string, signal?: AbortSignal): Promise<Trace | null>;
  /**
   * The same trace in the browser's wire format (v1 JSON converted without the model in between).
   * Optional so that test doubles need not implement it: use `loadTraceWire()` (lib/jaeger/server.ts).
   */
  getTraceWire?(traceId: string, signal?: AbortSignal): Promise<WireTrace | null>;
}

export interface JaegerClientOptions extends TransportOptions {
  /** Skip detection (tests, or a backend that blocks the probes). */
  flavour?: JaegerApiInfo['flavour'];
}

const isV3Error = (a: JaegerAnswer) => v3ErrorSchema.safeParse(a.json).success;
const v1Errors = (a: JaegerAnswer) => {
  const env = v1EnvelopeSchema.safeParse(a.json);
  return env.success ? env.data.errors ?? [] : null;
};

export function createJaegerClient(baseUrl: string, options: JaegerClientOptions = {}): JaegerClient {
  const root = baseUrl.replace(/\/+$/, '');
  const call = createTransport(root, options);
  let info: Promise<JaegerApiInfo> | null = options.flavour ? Promise.resolve(describeFlavour(options.flavour)) : null;
  let summariesUnsupported = false;
  let v1TraceGone = false;

  function detect(signal?: AbortSignal): Promise<JaegerApiInfo> {
    info ??= probeJaegerApi(root, call, signal).catch((err: unknown) => {
      info = null;
      throw err;
    });
    return info;
  }

  async function flavourCall<T>(fn: (flavour: JaegerApiInfo['flavour']) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const { flavour } = await detect(signal);
    try {
      return await fn(flavour);
    } catch (err) {
      if (!options.flavour && err instanceof AppError && err.code !== 'not_found') info = null; // re-detect next time
      throw err;
    }
  }

  function parseTraces(what: string, answer: JaegerAnswer): Trace[] {
    try {
      return parseTraceDocument(answer.json);
    } catch (err) {
      if (err instanceof TraceFormatError) throw badResponse(root, what, answer, err.message);
      throw err;
    }
  }

  function expectOk(what: string, answer: JaegerAnswer): void {
    if (answer.json === undefined) throw badResponse(root, what, answer);
    if (answer.status >= 400) {
      const msg = v1Errors(answer)?.map((e) => e.msg).join('; ') || v3ErrorSchema.safeParse(answer.json).data?.error.message || answer.text.slice(0, 200);
      throw upstreamError(root, what, answer, msg);
    }
  }

  async function v3Search(q: TraceQuery, signal?: AbortSignal): Promise<TraceSummary[]> {
    const params = v3SearchParams(q);
    if (!summariesUnsupported) {
      const a = await call('trace-summaries', '/api/v3/trace-summaries', params, signal);
      if (a.status === 404 && isV3Error(a)) return [];
      if (a.status === 404 || a.status === 405 || a.status === 501) {
        summariesUnsupported = true; // Jaeger before 2.19
      } else {
        expectOk('the trace search', a);
        const parsed = v3SummariesSchema.safeParse(a.json);
        if (!parsed.success) throw badResponse(root, 'the trace search', a, parsed.error.issues[0]?.message);
        return (parsed.data.summaries ?? []).map((s) => {
          const start = nanosToMicros(s.minStartTimeUnixNano);
          return {
            traceId: normalizeId(s.traceId, 32),
            rootServiceName: s.rootServiceName ?? '',
            rootOperationName: s.rootOperationName ?? '',
            startTimeUs: start,
            durationUs: nanosToMicros(s.maxEndTimeUnixNano) - start,
            spanCount: s.spanCount ?? 0,
            errorSpanCount: s.errorSpanCount ?? 0,
            services: (s.services ?? []).map((x) => ({ name: x.name, spanCount: x.spanCount ?? 0, errorSpanCount: x.errorSpanCount ?? 0 })),
          };
        });
      }
    }
    const a = await call('traces', '/api/v3/traces', params, signal);
    if (a.status === 404 && isV3Error(a)) return [];
    expectOk('the trace search', a);
    return parseTraces('the trace search', a).map(summarizeTrace);
  }

  async function v1Search(q: TraceQuery, signal?: AbortSignal): Promise<TraceSummary[]> {
    const a = await call('traces', '/api/traces', v1SearchParams(q), signal);
    expectOk('the trace search', a);
    return parseTraces('the trace search', a).map(summarizeTrace);
  }

  async function tempoSearch(q: TraceQuery, signal?: AbortSignal): Promise<TraceSummary[]> {
    const a = await call('search', '/api/search', tempoSearchParams(q), signal);
    expectOk('the trace search', a);
    const parsed = tempoSearchSchema.safeParse(a.json);
    if (!parsed.success) throw badResponse(root, 'the trace search', a, parsed.error.issues[0]?.message);
    // Tempo's hits carry no span counts or errors: fetch the traces (like tempo-query does), 4 at a time.
    const ids = (parsed.data.traces ?? []).map((t) => t.traceID);
    const out: TraceSummary[] = [];
    for (let i = 0; i < ids.length; i += 4) {
      const batch = await Promise.all(ids.slice(i, i + 4).map((id) => getOne('tempo', id, signal)));
      for (const t of batch) if (t) out.push(summarizeTrace(t));
    }
    return out;
  }

  /** The backend's answer for one trace, or null when it does not know the id. */
  async function fetchTrace(flavour: JaegerApiInfo['flavour'], traceId: string, signal?: AbortSignal): Promise<JaegerAnswer | null> {
    const id = encodeURIComponent(traceId);
    if (flavour !== 'jaeger-api-v3' || !v1TraceGone) {
      const a = await call('trace', `/api/traces/${id}`, undefined, signal);
      const errs = v1Errors(a);
      if (a.status === 404 && (flavour === 'tempo' || (errs !== null && errs.length > 0) || a.text.trim() === '')) return null;
      if (a.status === 404 && flavour === 'jaeger-api-v3') {
        v1TraceGone = true; // Jaeger without the v1 route: use api_v3 from now on
      } else {
        expectOk('the trace request', a);
        return a;
      }
    }
    const a = await call('trace', `/api/v3/traces/${id}`, undefined, signal);
    if (a.status === 404) return null;
    expectOk('the trace request', a);
    return a;
  }

  async function getOne(flavour: JaegerApiInfo['flavour'], traceId: string, signal?: AbortSignal): Promise<Trace | null> {
    const a = await fetchTrace(flavour, traceId, signal);
    return a ? parseTraces('the trace request', a)[0] ?? null : null;
  }

  async function getOneWire(flavour: JaegerApiInfo['flavour'], traceId: string, signal?: AbortSignal): Promise<WireTrace | null> {
    const a = await fetchTrace(flavour, traceId, signal);
    if (!a) return null;
    if (isOtlpDocument(a.json)) {
      const t = parseTraces('the trace request', a)[0];
      return t ? encodeTrace(t) : null;
    }
    try {
      return v1DocumentToWire(a.json)[0] ?? null;
    } catch (err) {
      if (err instanceof TraceFormatError) throw badResponse(root, 'the trace request', a, err.message);
      throw err;
    }
  }

  return {
    baseUrl: root,
    detect,

    services: (signal) => flavourCall(async (flavour) => {
      if (flavour === 'jaeger-api-v3') {
        const a = await call('services', '/api/v3/services', undefined, signal);
        expectOk('the service list', a);
        const p = v3ServicesSchema.safeParse(a.json);
        if (!p.success) throw badResponse(root, 'the service list', a, p.error.issues[0]?.message);
        return [...(p.data.services ?? [])].sort();
      }
      if (flavour === 'jaeger-v1') {
        const a = await call('services', '/api/services', undefined, signal);
        expectOk('the service list', a);
        const env = v1EnvelopeSchema.safeParse(a.json);
        const list = env.success && Array.isArray(env.data.data) ? env.data.data.filter((x): x is string => typeof x === 'string') : null;
        if (!list) throw badResponse(root, 'the service list', a);
        return list.sort();
      }
      const a = await call('services', '/api/search/tag/service.name/values', undefined, signal);
      expectOk('the service list', a);
      const p = tempoTagValuesSchema.safeParse(a.json);
      if (!p.success) throw badResponse(root, 'the service list', a, p.error.issues[0]?.message);
      return (p.data.tagValues ?? []).map((v) => (typeof v === 'string' ? v : v.value)).sort();
    }, signal),

    operations: (service, signal) => flavourCall(async (flavour) => {
      if (flavour === 'jaeger-api-v3') {
        const a = await call('operations', '/api/v3/operations', new URLSearchParams({ service }), signal);
        expectOk('the operation list', a);
        const p = v3OperationsSchema.safeParse(a.json);
        if (!p.success) throw badResponse(root, 'the operation list', a, p.error.issues[0]?.message);
        return (p.data.operations ?? []).map((o) => ({ name: o.name, spanKind: o.spanKind ?? '' }));
      }
      if (flavour === 'jaeger-v1') {
        const a = await call('operations', `/api/services/${encodeURIComponent(service)}/operations`, undefined, signal);
        expectOk('the operation list', a);
        const env = v1EnvelopeSchema.safeParse(a.json);
        if (!env.success || !Array.isArray(env.data.data)) throw badResponse(root, 'the operation list', a);
        return env.data.data.filter((x): x is string => typeof x === 'string').map((name) => ({ name, spanKind: '' }));
      }
      // Tempo's tag-values endpoint is global: the operations of every service.
      const a = await call('operations', '/api/search/tag/name/values', undefined, signal);
      expectOk('the operation list', a);
      const p = tempoTagValuesSchema.safeParse(a.json);
      if (!p.success) throw badResponse(root, 'the operation list', a, p.error.issues[0]?.message);
      return (p.data.tagValues ?? []).map((v) => ({ name: typeof v === 'string' ? v : v.value, spanKind: '' }));
    }, signal),

    searchTraces: (q, signal) => flavourCall((flavour) => {
      if (flavour === 'jaeger-api-v3') return v3Search(q, signal);
      if (flavour === 'jaeger-v1') return v1Search(q, signal);
      return tempoSearch(q, signal);
    }, signal),

    getTrace: (traceId, signal) => {
      if (!isTraceIdParam(traceId)) return Promise.resolve(null);
      return flavourCall((flavour) => getOne(flavour, traceId, signal), signal);
    },

    getTraceWire: (traceId, signal) => {
      if (!isTraceIdParam(traceId)) return Promise.resolve(null);
      return flavourCall((flavour) => getOneWire(flavour, traceId, signal), signal);
    },
  };
}
