/**
 * One request through the simulated mesh, as Envoy and the Bookinfo apps would handle it: routing,
 * faults, retries, timeouts, mTLS, authorization, outlier detection and connection-pool limits on the
 * client side; latency, errors and downstream calls on the server side. Deterministic for a given
 * random source and runtime state; the hops and spans it produces are returned, not emitted.
 */
import type { SimSpan } from './jaeger/trace-store';
import type { Hop } from './hops';
import { findService, principalOf, workloadsOf, labelsMatch, type CallSpec, type MeshModel, type Workload } from './model';
import { chance, logNormal, type Rng } from './rng';
import { destinationRuleFor, isRetryable, resolveSubset, route, type RetrySpec } from './routing';
import { authorize, effectiveMtlsMode } from './security';
import { asRecord, asString } from './model';
import { SpanRecorder } from './spans';

/** Mutable state that outlives a request: outlier ejections and in-flight requests per client and cluster. */
export interface RuntimeState {
  outliers: Map<string, { consecutiveErrors: number; ejectedUntilMs: number }>;
  inflight: Map<string, number[]>;
}

export function createRuntimeState(): RuntimeState {
  return { outliers: new Map(), inflight: new Map() };
}

export interface EntryRequest {
  /** The calling workload; an external client (no workload) calls a gateway from outside. */
  client?: Workload;
  host: string;
  port: number;
  path: string;
  method?: string;
  headers: Record<string, string>;
  /** For external traffic: the gateway workload that receives it. */
  gateway?: Workload;
}

export interface SimulationResult {
  /** Status the end client got; 0 when its connection was refused or reset. */
  status: number;
  durationMs: number;
  /** True when the connection was refused before any HTTP exchange (e.g. plaintext into STRICT). */
  refused: boolean;
  hops: Hop[];
  spans: SimSpan[];
}

interface Ctx {
  mesh: MeshModel;
  state: RuntimeState;
  rng: Rng;
  hops: Hop[];
  spans: SpanRecorder;
}

interface CallRequest {
  host: string;
  port: number;
  path: string;
  method: string;
  headers: Record<string, string>;
}

interface CallOutcome {
  /** What the calling application sees. */
  code: number;
  durationMs: number;
  refused: boolean;
}

const PROXY_OVERHEAD_MS = 0.8;

function proxyOverhead(rng: Rng): number {
  return PROXY_OVERHEAD_MS + rng.next() * 1.2;
}

function isFailure(code: number): boolean {
  return code === 0 || code >= 500;
}

function joinFlags(flags: string[]): string {
  // Envoy prints short flags in its enum order.
  const order = ['UH', 'UF', 'UO', 'NR', 'URX', 'NC', 'DT', 'DC', 'LH', 'UT', 'LR', 'UR', 'UC', 'DI', 'FI', 'RL', 'UAEX'];
  const uniq = [...new Set(flags.filter((f) => f && f !== '-'))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return uniq.length === 0 ? '-' : uniq.join(',');
}

/** Runs one request from its entry point; `nowMs` is when it starts. */
export function simulateRequest(mesh: MeshModel, state: RuntimeState, entry: EntryRequest, rng: Rng, nowMs: number): SimulationResult {
  const ctx: Ctx = { mesh, state, rng, hops: [], spans: new SpanRecorder(rng) };
  const req: CallRequest = { host: entry.host, port: entry.port, path: entry.path, method: entry.method ?? 'GET', headers: entry.headers };
  let outcome: CallOutcome;
  if (entry.gateway) {
    outcome = gatewayCall(ctx, entry.gateway, req, nowMs);
  } else if (entry.client) {
    outcome = meshCall(ctx, entry.client, req, nowMs, undefined, undefined);
  } else {
    throw new Error('an entry request needs a client workload or a gateway');
  }
  return { status: outcome.code, durationMs: outcome.durationMs, refused: outcome.refused, hops: ctx.hops, spans: ctx.spans.finish() };
}

/** External traffic arriving at an ingress gateway: routed by the VirtualServices bound to its Gateway. */
function gatewayCall(ctx: Ctx, gateway: Workload, req: CallRequest, startMs: number): CallOutcome {
  const gatewayObj = ctx.mesh.gateways.find((g) => labelsMatch(asRecordStrings(g.spec.selector), gateway.labels));
  if (!gatewayObj) return { code: 404, durationMs: 1, refused: false };
  return meshCall(ctx, gateway, req, startMs, undefined, `${gatewayObj.namespace}/${gatewayObj.name}`);
}

function asRecordStrings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * A call made by `caller` (through its sidecar when it has one) to `req.host`. `appTimeoutMs` is the
 * calling application's own timeout; `gateway` is set when the caller is a gateway routing ingress traffic.
 */
function meshCall(ctx: Ctx, caller: Workload, req: CallRequest, startMs: number, appTimeoutMs: number | undefined, gateway?: string, parentSpan?: string): CallOutcome {
  if (!caller.sidecar) return plaintextCall(ctx, caller, req, startMs, appTimeoutMs, parentSpan);
  const decision = route(ctx.mesh, { ...req, source: { namespace: caller.namespace, labels: caller.labels }, gateway }, ctx.rng);
  const unknownService = { host: findService(ctx.mesh, req.host, caller.namespace)?.fqdn ?? 'unknown', name: 'unknown', namespace: 'unknown' };
  if (decision.kind === 'no-route') {
    const d = proxyOverhead(ctx.rng);
    recordSourceOnly(ctx, caller, unknownService, 404, 'NR', d, startMs, parentSpan);
    return { code: 404, durationMs: d, refused: false };
  }
  const service = decision.service;
  const hopService = service
    ? { host: service.fqdn, name: service.name, namespace: service.namespace }
    : { host: decision.host, name: 'PassthroughCluster', namespace: 'unknown' };
  const fault = decision.fault;
  if (fault?.abortStatus !== undefined && chance(ctx.rng, fault.abortPercent / 100)) {
    const d = proxyOverhead(ctx.rng) * 0.3;
    recordSourceOnly(ctx, caller, hopService, fault.abortStatus, 'FI', d, startMs, parentSpan);
    return { code: fault.abortStatus, durationMs: d, refused: false };
  }
  const delayMs = fault?.delayMs !== undefined && chance(ctx.rng, fault.delayPercent / 100) ? fault.delayMs : 0;
  const flags: string[] = delayMs > 0 ? ['DI'] : [];
  // Whichever gives up first: the application (caller sees a reset) or Envoy's route timeout (504 UT).
  if (appTimeoutMs !== undefined && delayMs >= appTimeoutMs && (decision.timeoutMs === undefined || appTimeoutMs <= decision.timeoutMs)) {
    recordSourceOnly(ctx, caller, hopService, 0, joinFlags([...flags, 'DC']), appTimeoutMs, startMs, parentSpan);
    return { code: 0, durationMs: appTimeoutMs, refused: false };
  }
  if (!service) {
    const d = delayMs + 5 + ctx.rng.next() * 20;
    recordSourceOnly(ctx, caller, hopService, 200, joinFlags(flags), d, startMs, parentSpan);
    return { code: 200, durationMs: d, refused: false };
  }
  return attempts(ctx, caller, req, service, decision.subset, decision.port, decision.retries, decision.timeoutMs, appTimeoutMs, delayMs, flags, hopService, startMs, parentSpan);
}

function attempts(
  ctx: Ctx,
  caller: Workload,
  req: CallRequest,
  service: NonNullable<ReturnType<typeof findService>>,
  subset: string | undefined,
  port: number,
  retries: RetrySpec,
  routeTimeoutMs: number | undefined,
  appTimeoutMs: number | undefined,
  delayMs: number,
  flags: string[],
  hopService: Hop['service'],
  startMs: number,
  parentSpan: string | undefined,
): CallOutcome {
  const dr = destinationRuleFor(ctx.mesh, service.fqdn, caller.namespace);
  const resolved = resolveSubset(dr, subset);
  if (!resolved.found) {
    const d = proxyOverhead(ctx.rng) * 0.3;
    recordSourceOnly(ctx, caller, hopService, 503, 'NC', d, startMs, parentSpan);
    return { code: 503, durationMs: d, refused: false };
  }
  const policy = resolved.trafficPolicy;
  const endpoints = workloadsOf(ctx.mesh, service).filter((w) => labelsMatch(resolved.labels, w.labels));
  const clientSpan = ctx.spans.client(caller, hopService, req, startMs, parentSpan);
  let elapsed = delayMs;
  let code = 0;
  let attemptFlags = '-';
  let retried = 0;
  let destination: Workload | undefined;
  const maxAttempts = 1 + retries.attempts;
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const limits = [appTimeoutMs, routeTimeoutMs].filter((x): x is number => x !== undefined);
    const remaining = limits.length > 0 ? Math.min(...limits) - elapsed : Infinity;
    const perTry = Math.min(remaining, retries.perTryTimeoutMs ?? Infinity);
    const r = attemptOnce(ctx, caller, req, service, endpoints, port, policy, startMs + elapsed, perTry, clientSpan, hopService);
    destination = r.destination ?? destination;
    elapsed += r.durationMs;
    code = r.code;
    attemptFlags = r.flags;
    if (r.timedOut) {
      const appGaveUp = appTimeoutMs !== undefined && elapsed >= appTimeoutMs - 1e-9 && (routeTimeoutMs === undefined || appTimeoutMs <= routeTimeoutMs);
      if (appGaveUp) {
        code = 0;
        attemptFlags = 'DC';
        break;
      }
      code = 504;
      attemptFlags = 'UT';
      const overallLeft = limits.length > 0 ? Math.min(...limits) - elapsed : Infinity;
      if (overallLeft <= 0 || !isRetryable(retries, 504, 'UT') || attempt === maxAttempts - 1) break;
      retried += 1;
      continue;
    }
    if (!isFailure(code) || !isRetryable(retries, code, attemptFlags) || attempt === maxAttempts - 1) {
      if (isFailure(code) && retried > 0 && attempt === maxAttempts - 1 && isRetryable(retries, code, attemptFlags)) attemptFlags = joinFlags([attemptFlags, 'URX']);
      break;
    }
    retried += 1;
    elapsed += 25; // Envoy's retry back-off base interval
  }
  const sourceDuration = elapsed + proxyOverhead(ctx.rng);
  const finalFlags = joinFlags([...flags, ...attemptFlags.split(',')]);
  ctx.hops.push({
    protocol: 'http',
    source: caller,
    sourceReports: true,
    destination,
    destinationReports: false,
    service: hopService,
    sourceCode: code,
    sourceFlags: finalFlags,
    destinationCode: code,
    destinationFlags: finalFlags,
    sourceDurationMs: sourceDuration,
    destinationDurationMs: 0,
    requestBytes: 300 + Math.floor(ctx.rng.next() * 400),
    responseBytes: destination?.behaviour.responseBytes ?? 0,
    mtls: false,
    startMs,
  });
  ctx.spans.endClient(clientSpan, sourceDuration, code, finalFlags, destination, retried);
  return { code, durationMs: sourceDuration, refused: false };
}

interface AttemptResult {
  code: number;
  flags: string;
  durationMs: number;
  timedOut: boolean;
  destination?: Workload;
}

function attemptOnce(
  ctx: Ctx,
  caller: Workload,
  req: CallRequest,
  service: NonNullable<ReturnType<typeof findService>>,
  endpoints: Workload[],
  port: number,
  policy: Record<string, unknown>,
  startMs: number,
  timeoutMs: number,
  clientSpan: string,
  hopService: Hop['service'],
): AttemptResult {
  const healthy = endpoints.filter((w) => (ctx.state.outliers.get(key(w))?.ejectedUntilMs ?? 0) <= startMs);
  if (healthy.length === 0) return { code: 503, flags: 'UH', durationMs: 0.2, timedOut: false };
  const poolKey = `${key(caller)}>${service.fqdn}`;
  const limit = poolLimit(policy);
  const inflight = (ctx.state.inflight.get(poolKey) ?? []).filter((end) => end > startMs);
  if (inflight.length >= limit) {
    ctx.state.inflight.set(poolKey, inflight);
    return { code: 503, flags: 'UO', durationMs: 0.2, timedOut: false };
  }
  const dest = healthy[Math.floor(ctx.rng.next() * healthy.length)] as Workload;
  const tlsMode = asString(asRecord(policy.tls).mode).toUpperCase();
  const destMode = dest.sidecar ? effectiveMtlsMode(ctx.mesh, dest, port) : 'DISABLE';
  const mtls = tlsMode === 'DISABLE' || tlsMode === 'SIMPLE' ? false : tlsMode === 'ISTIO_MUTUAL' ? true : dest.sidecar && destMode !== 'DISABLE';
  if (!mtls && destMode === 'STRICT') return { code: 503, flags: 'UC', durationMs: 0.5, timedOut: false, destination: dest };
  if (mtls && !dest.sidecar) return { code: 503, flags: 'UF', durationMs: 0.5, timedOut: false, destination: dest };
  const served = serve(ctx, dest, caller, req, port, mtls, startMs + PROXY_OVERHEAD_MS / 2, clientSpan, hopService, timeoutMs);
  ctx.state.inflight.set(poolKey, [...inflight, startMs + served.durationMs]);
  noteOutlier(ctx, dest, policy, served.code, startMs + served.durationMs);
  if (served.durationMs > timeoutMs) return { code: 0, flags: 'DC', durationMs: timeoutMs, timedOut: true, destination: dest };
  return { code: served.code, flags: '-', durationMs: served.durationMs + PROXY_OVERHEAD_MS / 2, timedOut: false, destination: dest };
}

function key(w: Workload): string {
  return `${w.namespace}/${w.name}`;
}

function poolLimit(policy: Record<string, unknown>): number {
  const pool = asRecord(policy.connectionPool);
  const maxConnections = Number(asRecord(pool.tcp).maxConnections);
  const http = asRecord(pool.http);
  const pending = Number(http.http1MaxPendingRequests);
  const maxRequests = Number(http.http2MaxRequests);
  const conn = Number.isFinite(maxConnections) && maxConnections > 0 ? maxConnections : Infinity;
  const queue = Number.isFinite(pending) && pending > 0 ? pending : Infinity;
  const byRequests = Number.isFinite(maxRequests) && maxRequests > 0 ? maxRequests : Infinity;
  return Math.min(conn + queue, byRequests);
}

function noteOutlier(ctx: Ctx, dest: Workload, policy: Record<string, unknown>, code: number, atMs: number): void {
  const od = asRecord(policy.outlierDetection);
  const threshold = Number(od.consecutive5xxErrors ?? od.consecutiveErrors ?? od.consecutiveGatewayErrors);
  if (!Number.isFinite(threshold) || threshold <= 0) return;
  const entry = ctx.state.outliers.get(key(dest)) ?? { consecutiveErrors: 0, ejectedUntilMs: 0 };
  entry.consecutiveErrors = code >= 500 ? entry.consecutiveErrors + 1 : 0;
  if (entry.consecutiveErrors >= threshold) {
    const base = parseFloat(asString(od.baseEjectionTime, '30s')) || 30;
    entry.ejectedUntilMs = atMs + base * (asString(od.baseEjectionTime).endsWith('ms') ? 1 : 1000);
    entry.consecutiveErrors = 0;
  }
  ctx.state.outliers.set(key(dest), entry);
}

/** A call from a workload without a sidecar: plaintext, straight to an endpoint, no client telemetry. */
function plaintextCall(ctx: Ctx, caller: Workload, req: CallRequest, startMs: number, appTimeoutMs: number | undefined, parentSpan?: string): CallOutcome {
  const service = findService(ctx.mesh, req.host, caller.namespace);
  if (!service) return { code: 0, durationMs: 1, refused: true };
  const endpoints = workloadsOf(ctx.mesh, service);
  const dest = endpoints[Math.floor(ctx.rng.next() * endpoints.length)];
  if (!dest) return { code: 0, durationMs: 1, refused: true };
  if (dest.sidecar && effectiveMtlsMode(ctx.mesh, dest, req.port) === 'STRICT') return { code: 0, durationMs: 1, refused: true };
  const served = serve(ctx, dest, undefined, req, req.port, false, startMs, parentSpan, { host: service.fqdn, name: service.name, namespace: service.namespace }, appTimeoutMs ?? Infinity);
  if (appTimeoutMs !== undefined && served.durationMs > appTimeoutMs) return { code: 0, durationMs: appTimeoutMs, refused: false };
  return { code: served.code, durationMs: served.durationMs, refused: false };
}

/**
 * The destination side: authorization, the application's own latency, errors and downstream calls.
 * Records the destination-reported hop. `clientTimeoutMs` is when the caller will give up (for 0/DC).
 */
function serve(
  ctx: Ctx,
  dest: Workload,
  caller: Workload | undefined,
  req: CallRequest,
  port: number,
  mtls: boolean,
  startMs: number,
  parentSpan: string | undefined,
  hopService: Hop['service'],
  clientTimeoutMs: number,
): { code: number; durationMs: number } {
  const serverSpan = dest.sidecar ? ctx.spans.server(dest, hopService, req, startMs, parentSpan, caller) : parentSpan;
  let code = 200;
  let duration: number;
  const principal = mtls && caller ? principalOf(caller).replace('spiffe://', '') : undefined;
  const decision = dest.sidecar
    ? authorize(ctx.mesh, dest, { principal, namespace: mtls && caller ? caller.namespace : undefined, method: req.method, path: req.path, port, headers: req.headers })
    : { allowed: true };
  if (!decision.allowed) {
    code = 403;
    duration = 0.3 + ctx.rng.next() * 0.5;
  } else if (chance(ctx.rng, dest.behaviour.errorRate)) {
    code = 503;
    duration = logNormal(ctx.rng, dest.behaviour.latencyMs, dest.behaviour.latencySigma) * 0.5;
  } else {
    duration = logNormal(ctx.rng, dest.behaviour.latencyMs, dest.behaviour.latencySigma);
    let calleeFailed = false;
    for (const call of dest.behaviour.calls) {
      if (!chance(ctx.rng, call.probability)) continue;
      const outcome = appCall(ctx, dest, call, req, startMs + duration, serverSpan);
      duration += outcome.durationMs;
      if (isFailure(outcome.code) || outcome.code >= 400) calleeFailed = true;
    }
    if (calleeFailed && !dest.behaviour.masksCalleeErrors) code = 500;
  }
  const gaveUp = duration > clientTimeoutMs;
  const destCode = gaveUp ? 0 : code;
  const destFlags = gaveUp ? 'DC' : '-';
  const destDuration = gaveUp ? clientTimeoutMs : duration;
  if (dest.sidecar) {
    ctx.hops.push({
      protocol: 'http',
      source: caller,
      sourceReports: false,
      destination: dest,
      destinationReports: true,
      service: hopService,
      sourceCode: destCode,
      sourceFlags: destFlags,
      destinationCode: destCode,
      destinationFlags: destFlags,
      sourceDurationMs: 0,
      destinationDurationMs: destDuration,
      requestBytes: 300 + Math.floor(ctx.rng.next() * 400),
      responseBytes: code === 200 ? dest.behaviour.responseBytes : 120,
      mtls,
      startMs,
    });
    if (serverSpan) ctx.spans.endServer(serverSpan, destDuration, destCode, destFlags);
  }
  return { code, durationMs: duration };
}

/** The application making one downstream call, with its own timeout and attempts (Bookinfo's habits). */
function appCall(ctx: Ctx, app: Workload, call: CallSpec, incoming: CallRequest, startMs: number, parentSpan: string | undefined): CallOutcome {
  if (call.protocol === 'tcp') return tcpCall(ctx, app, call, startMs);
  let elapsed = 0;
  let last: CallOutcome = { code: 0, durationMs: 0, refused: false };
  for (let attempt = 0; attempt < call.attempts; attempt += 1) {
    const req: CallRequest = { host: call.host, port: call.port, path: call.path, method: 'GET', headers: incoming.headers };
    last = meshCall(ctx, app, req, startMs + elapsed, call.timeoutMs, undefined, parentSpan);
    elapsed += last.durationMs;
    if (!isFailure(last.code)) break;
  }
  return { ...last, durationMs: elapsed };
}

function tcpCall(ctx: Ctx, app: Workload, call: CallSpec, startMs: number): CallOutcome {
  const service = findService(ctx.mesh, call.host, app.namespace);
  const dest = service ? workloadsOf(ctx.mesh, service)[0] : undefined;
  const duration = 1 + ctx.rng.next() * 4;
  const mtls = Boolean(app.sidecar && dest?.sidecar && effectiveMtlsMode(ctx.mesh, dest, call.port) !== 'DISABLE');
  ctx.hops.push({
    protocol: 'tcp',
    source: app,
    sourceReports: app.sidecar,
    destination: dest,
    destinationReports: Boolean(dest?.sidecar),
    service: service ? { host: service.fqdn, name: service.name, namespace: service.namespace } : { host: call.host, name: 'PassthroughCluster', namespace: 'unknown' },
    sourceCode: 0,
    sourceFlags: '-',
    destinationCode: 0,
    destinationFlags: '-',
    sourceDurationMs: duration,
    destinationDurationMs: duration,
    requestBytes: 0,
    responseBytes: 0,
    mtls,
    tcpBytesSent: call.bytesSent,
    tcpBytesReceived: call.bytesReceived,
    startMs,
  });
  return { code: 200, durationMs: duration, refused: false };
}

function recordSourceOnly(ctx: Ctx, caller: Workload, service: Hop['service'], code: number, flags: string, durationMs: number, startMs: number, parentSpan?: string): void {
  ctx.hops.push({
    protocol: 'http',
    source: caller,
    sourceReports: true,
    destination: undefined,
    destinationReports: false,
    service,
    sourceCode: code,
    sourceFlags: flags,
    destinationCode: code,
    destinationFlags: flags,
    sourceDurationMs: durationMs,
    destinationDurationMs: 0,
    requestBytes: 300,
    responseBytes: 0,
    mtls: false,
    startMs,
  });
  const span = ctx.spans.client(caller, service, { host: service.host, port: 9080, path: '/', method: 'GET' }, startMs, parentSpan);
  ctx.spans.endClient(span, durationMs, code, flags, undefined, 0);
}
