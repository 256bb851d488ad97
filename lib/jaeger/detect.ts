/**
 * Which query API a tracing backend speaks: Jaeger 2.x / recent 1.x api_v3 (`/api/v3/services`),
 * Jaeger 1.x v1 only (`/api/services`), or Grafana Tempo's own HTTP API (`/api/echo`). Used by the
 * client to choose endpoints and by the connections page to say what it found.
 */
import { AppError } from '../server/errors';
import { v1EnvelopeSchema, v3ServicesSchema } from './schemas';
import { createTransport, type Transport, type TransportOptions } from './transport';

export type JaegerFlavour = 'jaeger-api-v3' | 'jaeger-v1' | 'tempo';

export interface JaegerApiInfo {
  flavour: JaegerFlavour;
  /** Human sentence for the connections page. */
  description: string;
  /** Endpoints the client will use. */
  searchEndpoint: string;
  traceEndpoint: string;
  /** Number of services the backend reported in the probe (Jaeger only). */
  serviceCount?: number;
}

const DESCRIPTIONS: Record<JaegerFlavour, Omit<JaegerApiInfo, 'flavour' | 'serviceCount'>> = {
  'jaeger-api-v3': {
    description: 'Jaeger query API v3 (Jaeger 2.x, OTLP JSON); single traces via /api/traces/{id}, falling back to /api/v3/traces/{id}',
    searchEndpoint: '/api/v3/trace-summaries, else /api/v3/traces',
    traceEndpoint: '/api/traces/{id}',
  },
  'jaeger-v1': {
    description: 'Jaeger v1 HTTP API only (Jaeger 1.x): search via /api/traces?service=',
    searchEndpoint: '/api/traces',
    traceEndpoint: '/api/traces/{id}',
  },
  tempo: {
    description: 'Grafana Tempo HTTP API: search via /api/search, traces via /api/traces/{id} (OTLP JSON)',
    searchEndpoint: '/api/search',
    traceEndpoint: '/api/traces/{id}',
  },
};

export function describeFlavour(flavour: JaegerFlavour, serviceCount?: number): JaegerApiInfo {
  return { flavour, ...DESCRIPTIONS[flavour], ...(serviceCount !== undefined ? { serviceCount } : {}) };
}

/** Probes with an existing transport (the client's). Throws AppError when nothing answers usefully. */
export async function probeJaegerApi(root: string, call: Transport, signal?: AbortSignal): Promise<JaegerApiInfo> {
  const v3 = await call('probe', '/api/v3/services', undefined, signal);
  const v3ok = v3ServicesSchema.safeParse(v3.json);
  if (v3.status === 200 && v3ok.success && v3.json !== null && typeof v3.json === 'object' && 'services' in v3.json) {
    return describeFlavour('jaeger-api-v3', v3ok.data.services?.length ?? 0);
  }
  const v1 = await call('probe', '/api/services', undefined, signal);
  const v1ok = v1EnvelopeSchema.safeParse(v1.json);
  if (v1.status === 200 && v1ok.success && (Array.isArray(v1ok.data.data) || v1ok.data.data === null)) {
    return describeFlavour('jaeger-v1', Array.isArray(v1ok.data.data) ? v1ok.data.data.length : 0);
  }
  const echo = await call('probe', '/api/echo', undefined, signal);
  if (echo.status === 200 && echo.text.trim() === 'echo') return describeFlavour('tempo');
  throw new AppError('backend_bad_response',
    `${root} does not look like Jaeger or Tempo: /api/v3/services answered HTTP ${v3.status}, /api/services HTTP ${v1.status}, /api/echo HTTP ${echo.status}`,
    { backend: 'jaeger', upstreamStatus: v3.status, upstreamBody: v3.text.slice(0, 300) });
}

/**
 * Detects the API flavour of the backend at `baseUrl` (e.g. JAEGER_URL). For the connections page:
 * resolves with what it found, rejects with an AppError (backend "jaeger") when unreachable or not
 * a tracing backend.
 */
export async function detectJaegerApi(baseUrl: string, options: TransportOptions & { signal?: AbortSignal } = {}): Promise<JaegerApiInfo> {
  const root = baseUrl.replace(/\/+$/, '');
  return probeJaegerApi(root, createTransport(root, options), options.signal);
}
