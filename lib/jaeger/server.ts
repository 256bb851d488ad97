/** Route-handler helpers for the traces API: the configured client or a 503 naming Jaeger. */
import { getJaeger } from '../server/backends';
import { AppError, badRequest } from '../server/errors';
import type { JaegerClient } from './client';
import { encodeTrace, type WireTrace } from './wire';
import { TraceQueryError } from './query';

export function requireJaeger(): JaegerClient {
  const client = getJaeger();
  if (!client) throw new AppError('backend_unavailable', 'Tracing is not configured: set JAEGER_URL to a Jaeger query service or Tempo', { backend: 'jaeger' });
  return client;
}

/** Runs a parser, turning its TraceQueryError into a 400. */
export function validated<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof TraceQueryError) throw badRequest(err.message);
    throw err;
  }
}

/** One trace in the browser's wire format, or null when the backend does not know it. */
export async function loadTraceWire(client: JaegerClient, traceId: string, signal?: AbortSignal): Promise<WireTrace | null> {
  if (client.getTraceWire) return client.getTraceWire(traceId, signal);
  const trace = await client.getTrace(traceId, signal);
  return trace ? encodeTrace(trace) : null;
}
