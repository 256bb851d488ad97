/**
 * What a client-side Envoy does with a request: find the VirtualService for the host in this
 * context (a gateway or the mesh), match the route, pick a weighted destination, and resolve the
 * subset through the DestinationRule. Pure functions over the MeshModel.
 */
import { MESH_DOMAIN, asArray, asRecord, asString, asStringMap, findService, labelsMatch, type IstioObject, type MeshModel, type Service } from './model';
import { pickWeighted, type Rng } from './rng';

export interface RouteRequest {
  host: string;
  port: number;
  path: string;
  method: string;
  headers: Record<string, string>;
  source: { namespace: string; labels: Record<string, string> };
  /** `namespace/name` of the gateway handling the request; undefined for sidecar (mesh) traffic. */
  gateway?: string;
}

export interface FaultSpec {
  delayMs?: number;
  delayPercent: number;
  abortStatus?: number;
  abortPercent: number;
}

export interface RetrySpec {
  attempts: number;
  perTryTimeoutMs?: number;
  retryOn: Set<string>;
}

export type RouteDecision =
  | { kind: 'no-route'; virtualService?: string }
  | {
      kind: 'route';
      /** The destination host as the client resolves it (FQDN for mesh services). */
      host: string;
      service: Service | undefined;
      port: number;
      subset?: string;
      fault?: FaultSpec;
      timeoutMs?: number;
      retries: RetrySpec;
      virtualService?: string;
    };

/** Istio's default retry policy: 2 retries on connect failures, resets and 503. */
export const DEFAULT_RETRIES: RetrySpec = {
  attempts: 2,
  retryOn: new Set(['connect-failure', 'refused-stream', 'unavailable', 'cancelled', 'retriable-status-codes']),
};

export function parseDurationMs(value: unknown): number | undefined {
  const s = asString(value).trim();
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2];
  return unit === 'ms' ? n : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n * 3_600_000;
}

/** The FQDN a host written in an Istio object in `namespace` refers to (short names are relative). */
export function qualifyHost(host: string, namespace: string): string {
  if (host === '*' || host.startsWith('*.')) return host;
  const parts = host.split('.');
  if (parts.length === 1) return `${host}.${namespace}.${MESH_DOMAIN}`;
  if (parts.length === 2) return `${host}.${MESH_DOMAIN}`;
  return host;
}

export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return pattern === host;
}

function visibleFrom(obj: IstioObject, namespace: string): boolean {
  const exportTo = asArray(obj.spec.exportTo).map((e) => asString(e));
  if (exportTo.length === 0) return true;
  return exportTo.some((e) => e === '*' || (e === '.' && obj.namespace === namespace) || e === namespace);
}

function gatewayRefs(vs: IstioObject): string[] {
  return asArray(vs.spec.gateways).map((g) => {
    const name = asString(g);
    return name === 'mesh' || name.includes('/') ? name : `${vs.namespace}/${name}`;
  });
}

function appliesToContext(vs: IstioObject, gateway: string | undefined): boolean {
  const refs = gatewayRefs(vs);
  if (gateway === undefined) return refs.length === 0 || refs.includes('mesh');
  return refs.includes(gateway);
}

function stringMatch(m: unknown, value: string | undefined): boolean {
  const r = asRecord(m);
  if (value === undefined) return false;
  if (typeof r.exact === 'string') return value === r.exact;
  if (typeof r.prefix === 'string') return value.startsWith(r.prefix);
  if (typeof r.regex === 'string') {
    try {
      return new RegExp(`^(?:${r.regex})$`).test(value);
    } catch {
      return false;
    }
  }
  return true;
}

function matchRequest(match: Record<string, unknown>, req: RouteRequest): boolean {
  if (match.uri !== undefined && !stringMatch(match.uri, req.path)) return false;
  if (match.method !== undefined && !stringMatch(match.method, req.method)) return false;
  for (const [name, cond] of Object.entries(asRecord(match.headers))) {
    if (!stringMatch(cond, req.headers[name.toLowerCase()])) return false;
  }
  if (match.sourceLabels !== undefined && !labelsMatch(asStringMap(match.sourceLabels), req.source.labels)) return false;
  if (typeof match.sourceNamespace === 'string' && match.sourceNamespace !== req.source.namespace) return false;
  if (match.port !== undefined && Number(match.port) !== req.port) return false;
  return true;
}

function percent(value: unknown, legacy: unknown): number {
  const v = asRecord(value).value;
  if (typeof v === 'number') return v;
  if (typeof legacy === 'number') return legacy;
  return 100;
}

function parseFault(raw: unknown): FaultSpec | undefined {
  const f = asRecord(raw);
  if (Object.keys(f).length === 0) return undefined;
  const delay = asRecord(f.delay);
  const abort = asRecord(f.abort);
  const status = typeof abort.httpStatus === 'number' ? abort.httpStatus : undefined;
  return {
    delayMs: parseDurationMs(delay.fixedDelay),
    delayPercent: percent(delay.percentage, delay.percent),
    abortStatus: status,
    abortPercent: percent(abort.percentage, abort.percent),
  };
}

function parseRetries(raw: unknown): RetrySpec {
  if (raw === undefined) return DEFAULT_RETRIES;
  const r = asRecord(raw);
  const attempts = typeof r.attempts === 'number' ? Math.max(0, r.attempts) : 2;
  const retryOn = asString(r.retryOn);
  return {
    attempts,
    perTryTimeoutMs: parseDurationMs(r.perTryTimeout),
    retryOn: retryOn ? new Set(retryOn.split(',').map((s) => s.trim())) : DEFAULT_RETRIES.retryOn,
  };
}

/** The VirtualServices that handle `fqdn` (or, at a gateway, the requested host) in this context. */
export function virtualServicesFor(mesh: MeshModel, req: RouteRequest, fqdn: string): IstioObject[] {
  return mesh.virtualServices.filter(
    (vs) =>
      appliesToContext(vs, req.gateway) &&
      visibleFrom(vs, req.source.namespace) &&
      asArray(vs.spec.hosts).some((h) => hostMatches(qualifyHost(asString(h), vs.namespace), fqdn) || (req.gateway !== undefined && asString(h) === '*')),
  );
}

/** Routes one request. `rng` picks among weighted destinations. */
export function route(mesh: MeshModel, req: RouteRequest, rng: Rng): RouteDecision {
  const service = findService(mesh, req.host, req.source.namespace);
  const fqdn = service?.fqdn ?? req.host;
  const candidates = virtualServicesFor(mesh, req, fqdn);
  if (candidates.length === 0) {
    if (req.gateway !== undefined) return { kind: 'no-route' };
    return { kind: 'route', host: fqdn, service, port: req.port, retries: DEFAULT_RETRIES };
  }
  // Istio merges the routes of every VirtualService for the host, in order.
  for (const vs of candidates) {
    for (const rawRoute of asArray(vs.spec.http)) {
      const httpRoute = asRecord(rawRoute);
      const matches = asArray(httpRoute.match).map(asRecord);
      if (matches.length > 0 && !matches.some((m) => matchRequest(m, req))) continue;
      const destinations = asArray(httpRoute.route).map(asRecord);
      const idx = pickWeighted(rng, destinations.map((d) => (typeof d.weight === 'number' ? d.weight : destinations.length === 1 ? 100 : 0)));
      const chosen = destinations[idx];
      if (!chosen) return { kind: 'no-route', virtualService: vs.name };
      const dest = asRecord(chosen.destination);
      const host = qualifyHost(asString(dest.host), vs.namespace);
      const destService = findService(mesh, host, vs.namespace);
      const portNumber = asRecord(dest.port).number;
      return {
        kind: 'route',
        host,
        service: destService,
        port: typeof portNumber === 'number' ? portNumber : (destService?.ports[0]?.port ?? req.port),
        subset: asString(dest.subset) || undefined,
        fault: parseFault(httpRoute.fault),
        timeoutMs: parseDurationMs(httpRoute.timeout),
        retries: parseRetries(httpRoute.retries),
        virtualService: vs.name,
      };
    }
  }
  return { kind: 'no-route', virtualService: candidates[0]?.name };
}

/** The DestinationRule that applies to `fqdn` for a client in `fromNamespace` (client namespace first, then the host's). */
export function destinationRuleFor(mesh: MeshModel, fqdn: string, fromNamespace: string): IstioObject | undefined {
  const candidates = mesh.destinationRules.filter(
    (dr) => visibleFrom(dr, fromNamespace) && hostMatches(qualifyHost(asString(dr.spec.host), dr.namespace), fqdn),
  );
  return candidates.find((dr) => dr.namespace === fromNamespace) ?? candidates[0];
}

export interface SubsetResolution {
  found: boolean;
  labels: Record<string, string>;
  trafficPolicy: Record<string, unknown>;
}

/** A subset's labels and merged traffic policy; `found` is false when the subset is not defined. */
export function resolveSubset(dr: IstioObject | undefined, subset: string | undefined): SubsetResolution {
  const base = asRecord(dr?.spec.trafficPolicy);
  if (!subset) return { found: true, labels: {}, trafficPolicy: base };
  const s = asArray(dr?.spec.subsets)
    .map(asRecord)
    .find((x) => x.name === subset);
  if (!s) return { found: false, labels: {}, trafficPolicy: base };
  return { found: true, labels: asStringMap(s.labels), trafficPolicy: { ...base, ...asRecord(s.trafficPolicy) } };
}

/** Whether a failed attempt (code, flags) is retried under `retries`. */
export function isRetryable(retries: RetrySpec, code: number, flags: string): boolean {
  const on = retries.retryOn;
  if (on.has('5xx') && code >= 500) return true;
  if (on.has('gateway-error') && (code === 502 || code === 503 || code === 504)) return true;
  if (on.has('connect-failure') && (flags.includes('UF') || flags.includes('UC'))) return true;
  if (on.has('reset') && (flags.includes('UR') || flags.includes('UC'))) return true;
  // Envoy applies retriable status codes to real upstream responses, not to locally generated ones.
  if (on.has('retriable-status-codes') && code === 503 && flags === '-') return true;
  return false;
}
