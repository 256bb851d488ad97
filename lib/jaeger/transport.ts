/**
 * The one private HTTP transport of the Jaeger/Tempo client: timeout + caller's AbortSignal, every
 * failure an AppError naming the backend "jaeger", self-metrics through `onObserve`.
 */
import { AppError } from '../server/errors';

export interface JaegerObservation {
  endpoint: string;
  durationMs: number;
  outcome: 'ok' | 'error' | 'timeout' | 'unreachable';
}

export interface TransportOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
  onObserve?: (o: JaegerObservation) => void;
  /** Extra headers, e.g. Authorization, or X-Scope-OrgID for a multi-tenant Tempo. */
  headers?: Record<string, string>;
}

export interface JaegerAnswer {
  status: number;
  /** Parsed JSON, or undefined when the body was not JSON. */
  json: unknown;
  text: string;
}

const PREVIEW = 300;

export type Transport = (endpoint: string, path: string, params?: URLSearchParams, signal?: AbortSignal) => Promise<JaegerAnswer>;

export function createTransport(root: string, options: TransportOptions = {}): Transport {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (endpoint, path, params, signal) => {
    const started = performance.now();
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const observe = (outcome: JaegerObservation['outcome']) => options.onObserve?.({ endpoint, outcome, durationMs: performance.now() - started });
    const url = `${root}${path}${params && [...params.keys()].length > 0 ? `?${params.toString()}` : ''}`;
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, { headers: { accept: 'application/json', ...options.headers }, signal: combined, cache: 'no-store' });
      text = await res.text();
    } catch (err) {
      if (timeout.aborted) {
        observe('timeout');
        throw new AppError('backend_timeout', `Jaeger at ${root} did not answer within ${timeoutMs} ms`, { backend: 'jaeger', cause: err });
      }
      if (signal?.aborted) throw err;
      observe('unreachable');
      throw new AppError('backend_unavailable', `Jaeger at ${root} is unreachable: ${describe(err)}`, { backend: 'jaeger', cause: err });
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    observe(res.ok && json !== undefined ? 'ok' : 'error');
    return { status: res.status, json, text };
  };
}

export function badResponse(root: string, what: string, answer: JaegerAnswer, detail?: string): AppError {
  const body = answer.text.slice(0, PREVIEW);
  return new AppError('backend_bad_response', `Jaeger at ${root} answered ${what} with HTTP ${answer.status} and ${detail ?? (answer.json === undefined ? 'a body that is not JSON' : 'an unexpected body')}: ${body}`, {
    backend: 'jaeger', upstreamStatus: answer.status, upstreamBody: body,
  });
}

export function upstreamError(root: string, what: string, answer: JaegerAnswer, message: string): AppError {
  return new AppError('backend_error', `Jaeger at ${root} rejected ${what} (HTTP ${answer.status}): ${message}`, {
    backend: 'jaeger', upstreamStatus: answer.status, upstreamBody: answer.text.slice(0, PREVIEW),
  });
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? err.message;
  }
  return String(err);
}
