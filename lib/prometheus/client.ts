/**
 * Client for the Prometheus HTTP API (also Thanos Query, Mimir, VictoriaMetrics): instant and range
 * queries, responses validated at the boundary, every failure an AppError naming the backend.
 */
import { AppError } from '../server/errors';
import { httpTransport, type PrometheusTransport, type TransportResponse } from './http-transport';
import {
  errorEnvelopeSchema, fastMatrixSeries, fastVectorSamples, matrixResultSchema, parseSampleValue, scalarResultSchema,
  successEnvelopeSchema, vectorResultSchema, type RangeSeries, type VectorSample,
} from './types';
import { VectorAnswerReader } from './vector-scan';

export interface QueryOptions {
  /** Evaluation time, Unix seconds. Defaults to the server's now. */
  timeSec?: number;
  signal?: AbortSignal;
}

export interface RangeOptions {
  startSec: number;
  endSec: number;
  stepSec: number;
  signal?: AbortSignal;
}

/** What the client reports after every call, for self-metrics and the connections page. */
export interface QueryObservation {
  endpoint: 'query' | 'query_range' | 'probe';
  durationMs: number;
  outcome: 'ok' | 'error' | 'timeout' | 'unreachable';
}

export interface PrometheusClientOptions {
  timeoutMs?: number;
  /** How queries are sent (default: node:http with keep-alive, see http-transport.ts). */
  fetch?: PrometheusTransport;
  onObserve?: (o: QueryObservation) => void;
  /** Compressed answers (default `auto`, see prometheusQueryHeaders). */
  compression?: PrometheusCompression;
  /** Extra headers, e.g. X-Scope-OrgID for Mimir or an Authorization header. */
  headers?: Record<string, string>;
}

export interface PrometheusClient {
  readonly baseUrl: string;
  query(promql: string, opts?: QueryOptions): Promise<VectorSample[]>;
  queryRange(promql: string, opts: RangeOptions): Promise<RangeSeries[]>;
}

const BODY_PREVIEW = 300;

/** Reads an answer from its bytes (pushed in pieces or whole); `end` gives the result, or undefined to leave it to the general path. */
interface BodyReader<Read> {
  push(chunk: Uint8Array): void;
  end(): Read | undefined;
}

/**
 * Whether Prometheus at `baseUrl` is on this machine or inside the cluster (loopback, `*.svc`,
 * `*.cluster.local`, a bare service name): there the network is fast and gzip only costs CPU on both
 * ends (Prometheus compresses, the dashboard inflates, per query). Elsewhere (a port-forward, a
 * remote Thanos) compressed answers are worth it.
 */
export function isNearbyPrometheus(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return true;
  if (host.endsWith('.svc') || host.endsWith('.cluster.local')) return true;
  return !host.includes('.') && !host.includes(':');
}

/** Answers compressed or not: `auto` is uncompressed from a nearby Prometheus, gzip from others. */
export type PrometheusCompression = 'auto' | 'gzip' | 'none';

/** The headers every query carries: JSON, compressed as `compression` says. */
export function prometheusQueryHeaders(baseUrl: string, compression: PrometheusCompression = 'auto'): Record<string, string> {
  const gzip = compression === 'gzip' || (compression === 'auto' && !isNearbyPrometheus(baseUrl));
  return {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    'accept-encoding': gzip ? 'gzip' : 'identity',
  };
}

export function createPrometheusClient(baseUrl: string, options: PrometheusClientOptions = {}): PrometheusClient {
  const root = baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? httpTransport;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers = { ...prometheusQueryHeaders(root, options.compression), ...options.headers };

  /**
   * Sends a query and returns the answer's `data`, validated as an envelope. With a `reader`, a
   * successful answer's bytes go to it (as they arrive, where the transport can): what it returns is
   * the result, and undefined sends the body down the general path (JSON.parse and the schemas, which
   * also make the error messages).
   */
  type Endpoint = 'query' | 'query_range';
  async function call(endpoint: Endpoint, params: Record<string, string>, signal: AbortSignal | undefined): Promise<{ data: unknown }>;
  async function call<Read>(
    endpoint: Endpoint, params: Record<string, string>, signal: AbortSignal | undefined, reader: BodyReader<Read>,
  ): Promise<{ scanned: Read } | { data: unknown }>;
  async function call<Read>(
    endpoint: Endpoint, params: Record<string, string>, signal: AbortSignal | undefined, reader?: BodyReader<Read>,
  ): Promise<{ scanned: Read } | { data: unknown }> {
    const started = performance.now();
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const observe = (outcome: QueryObservation['outcome']) =>
      options.onObserve?.({ endpoint, outcome, durationMs: performance.now() - started });

    let response: TransportResponse;
    try {
      response = await doFetch(`${root}/api/v1/${endpoint}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(params).toString(),
        signal: combined,
        ...(reader ? { onBodyChunk: (chunk: Buffer) => reader.push(chunk) } : {}),
      });
    } catch (err) {
      if (timeout.aborted) {
        observe('timeout');
        throw new AppError('backend_timeout', `Prometheus at ${root} did not answer within ${timeoutMs} ms`, { backend: 'prometheus', cause: err });
      }
      observe('unreachable');
      throw new AppError('backend_unavailable', `Prometheus at ${root} is unreachable: ${describeFetchError(err)}`, { backend: 'prometheus', cause: err });
    }

    if (reader && response.ok && (response.bodyStreamed || response.bytes)) {
      if (!response.bodyStreamed && response.bytes) reader.push(await response.bytes());
      const scanned = reader.end();
      if (scanned !== undefined) {
        observe('ok');
        return { scanned };
      }
    }
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      observe('error');
      throw new AppError('backend_bad_response', `Prometheus at ${root} answered HTTP ${response.status} with a body that is not JSON: ${text.slice(0, BODY_PREVIEW)}`, {
        backend: 'prometheus', upstreamStatus: response.status, upstreamBody: text.slice(0, BODY_PREVIEW),
      });
    }
    const failure = errorEnvelopeSchema.safeParse(json);
    if (failure.success) {
      observe('error');
      const kind = failure.data.errorType ? `${failure.data.errorType}: ` : '';
      throw new AppError('backend_error', `Prometheus rejected the query (HTTP ${response.status}): ${kind}${failure.data.error ?? 'no message'}`, {
        backend: 'prometheus', upstreamStatus: response.status, upstreamBody: text.slice(0, BODY_PREVIEW),
      });
    }
    const ok = successEnvelopeSchema.safeParse(json);
    if (!response.ok || !ok.success) {
      observe('error');
      throw new AppError('backend_bad_response', `Prometheus at ${root} answered HTTP ${response.status} with an unexpected body: ${text.slice(0, BODY_PREVIEW)}`, {
        backend: 'prometheus', upstreamStatus: response.status, upstreamBody: text.slice(0, BODY_PREVIEW),
      });
    }
    observe('ok');
    return { data: ok.data.data };
  }

  function badShape(what: string, detail: string): AppError {
    return new AppError('backend_bad_response', `Prometheus returned an unexpected ${what}: ${detail}`, { backend: 'prometheus' });
  }

  return {
    baseUrl: root,

    async query(promql, opts = {}) {
      const params: Record<string, string> = { query: promql };
      if (opts.timeSec !== undefined) params.time = String(opts.timeSec);
      const answer = await call('query', params, opts.signal, new VectorAnswerReader());
      if ('scanned' in answer) return answer.scanned;
      const { data } = answer;
      const fast = fastVectorSamples(data);
      if (fast) return fast;
      const vector = vectorResultSchema.safeParse(data);
      if (vector.success) {
        return vector.data.result.map((s) => ({ metric: s.metric, timestampSec: s.value[0], value: parseSampleValue(s.value[1]) }));
      }
      const scalar = scalarResultSchema.safeParse(data);
      if (scalar.success) {
        return [{ metric: {}, timestampSec: scalar.data.result[0], value: parseSampleValue(scalar.data.result[1]) }];
      }
      throw badShape('instant query result', vector.error.issues[0]?.message ?? 'not a vector');
    },

    async queryRange(promql, opts) {
      const { data } = await call('query_range', {
        query: promql, start: String(opts.startSec), end: String(opts.endSec), step: String(opts.stepSec),
      }, opts.signal);
      const fast = fastMatrixSeries(data);
      if (fast) return fast;
      const matrix = matrixResultSchema.safeParse(data);
      if (!matrix.success) throw badShape('range query result', matrix.error.issues[0]?.message ?? 'not a matrix');
      return matrix.data.result.map((s) => ({
        metric: s.metric,
        points: s.values.map(([t, v]) => [t, parseSampleValue(v)] as [number, number]),
      }));
    },
  };
}

function describeFetchError(err: unknown): string {
  if (err instanceof Error) {
    // fetch wraps the socket error in `cause`; node:http rejects with it directly.
    const { cause, code } = err as Error & { code?: string; cause?: { code?: string; message?: string } };
    return cause?.code ?? code ?? cause?.message ?? err.message;
  }
  return String(err);
}
