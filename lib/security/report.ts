/**
 * One security review end to end: the config snapshot → effective modes, two Prometheus queries at
 * one evaluation time → observed edges, and the disagreements between them. Pure assembly in
 * `buildSecurityReport`; `fetchSecurityReport` does the I/O.
 */
import type { ConfigSnapshot } from '../istio/config-source';
import type { PrometheusClient } from '../prometheus/client';
import { isK8sName, parseDurationSeconds, PromqlInputError } from '../prometheus/promql';
import type { VectorSample } from '../prometheus/types';
import type { EdgeDecision } from './authz';
import { authzOfEdges, findDisagreements, type Disagreement } from './disagreements';
import { allWorkloadSecurity, meshStatus, namespaceSecurity, resolvePeerMode, type MeshStatus, type NamespaceSecurity, type PeerMode, type WorkloadSecurity } from './effective-mode';
import { securityModelOf, workloadId, type SecurityModel } from './model';
import { buildObservedQueries, mtlsPercentOf, byNamespace, byWorkload, observedEdges, summarise, type ObservedEdge, type TrafficSecurity } from './observed';

export interface MeshSecurity {
  status: MeshStatus;
  rootNamespace: string;
  /** The mesh-wide PeerAuthentication's mode and name (null: none, Istio's PERMISSIVE default). */
  meshMode: PeerMode;
  meshPolicy: string | null;
}

export interface SecurityReport {
  timestamp: number;
  duration: number;
  namespaces: string[];
  mesh: MeshSecurity & { observed: TrafficSecurity };
  namespaceRows: Array<NamespaceSecurity & { observed: TrafficSecurity | null }>;
  workloads: Array<WorkloadSecurity & { observed: TrafficSecurity | null }>;
  edges: Array<ObservedEdge & { mtlsPercent: number; authz?: EdgeDecision }>;
  disagreements: Disagreement[];
  warnings: string[];
}

export interface SecurityRequest {
  namespaces: string[];
  durationSec: number;
}

export class SecurityParamsError extends Error {}

export function parseSecurityRequest(search: { get(name: string): string | null }): SecurityRequest {
  const raw = search.get('namespaces');
  if (raw === null || raw.trim() === '') throw new SecurityParamsError('namespaces is required, e.g. namespaces=default,bookinfo');
  const namespaces = [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  const bad = namespaces.find((n) => !isK8sName(n));
  if (bad !== undefined || namespaces.length === 0) {
    throw new SecurityParamsError(`invalid namespace "${(bad ?? raw).slice(0, 80)}": expected a Kubernetes name (lower-case letters, digits, '-' and '.')`);
  }
  if (namespaces.length > 500) throw new SecurityParamsError('at most 500 namespaces');
  let durationSec: number;
  try {
    durationSec = parseDurationSeconds(search.get('duration') ?? '5m');
  } catch (err) {
    throw new SecurityParamsError(err instanceof PromqlInputError ? err.message : 'invalid duration');
  }
  if (durationSec > 6 * 3600) throw new SecurityParamsError('duration must be at most 6h');
  return { namespaces, durationSec };
}

export function meshSecurity(model: SecurityModel, workloads = allWorkloadSecurity(model)): MeshSecurity {
  const mesh = resolvePeerMode(model, { namespace: model.rootNamespace, labels: {} });
  return { status: meshStatus(model, workloads), rootNamespace: model.rootNamespace, meshMode: mesh.mode, meshPolicy: mesh.policy };
}

/** mTLS status of every namespace the configuration knows (config only). */
export function securityNamespaces(model: SecurityModel, workloads = allWorkloadSecurity(model)): NamespaceSecurity[] {
  return [...model.index.namespaces].sort().map((ns) => namespaceSecurity(model, ns, workloads));
}

export interface ReportInput {
  model: SecurityModel;
  http: readonly VectorSample[];
  tcp: readonly VectorSample[];
  req: SecurityRequest;
  timestamp: number;
  warnings?: string[];
}

/** What policy says against what traffic shows: the part of a report the graph's badges need too. */
function reviewCore({ model, http, tcp, req }: Pick<ReportInput, 'model' | 'http' | 'tcp' | 'req'>) {
  const all = allWorkloadSecurity(model);
  const edges = observedEdges(http, tcp);
  const authz = authzOfEdges(model, edges);
  const disagreements = findDisagreements({ model, workloads: all, edges, namespaces: req.namespaces }, authz);
  const inView = (ns: string) => req.namespaces.includes(ns);
  return { all, edges, authz, disagreements, inView };
}

/**
 * The graph's review: the workloads in view and the disagreements, without the report's per-namespace
 * rows, mesh summary and edge list (a graph request reviews security on every refresh).
 */
export function buildSecurityReview(input: Pick<ReportInput, 'model' | 'http' | 'tcp' | 'req'>): { workloads: WorkloadSecurity[]; disagreements: Disagreement[] } {
  const { all, disagreements, inView } = reviewCore(input);
  return { workloads: all.filter((w) => inView(w.namespace)), disagreements };
}

export function buildSecurityReport({ model, http, tcp, req, timestamp, warnings = [] }: ReportInput): SecurityReport {
  const { all, edges, authz, disagreements, inView } = reviewCore({ model, http, tcp, req });
  const wlObserved = byWorkload(edges);
  const nsObserved = byNamespace(edges);
  const decisions = new Map(authz.map((a) => [a.edge, a.decision]));
  const inbound = edges.filter((e) => inView(e.destination.namespace));
  return {
    timestamp,
    duration: req.durationSec,
    namespaces: req.namespaces,
    mesh: { ...meshSecurity(model, all), observed: summarise(inbound) },
    namespaceRows: req.namespaces.map((ns) => ({ ...namespaceSecurity(model, ns, all), observed: nsObserved.get(ns) ?? null })),
    workloads: all.filter((w) => inView(w.namespace)).map((w) => ({ ...w, observed: wlObserved.get(workloadId(w)) ?? null })),
    edges: edges.map((e) => {
      const d = decisions.get(e);
      return { ...e, mtlsPercent: mtlsPercentOf(e.mtlsRate, e.plaintextRate) ?? 0, ...(d ? { authz: d } : {}) };
    }),
    disagreements,
    warnings: [...(model.skipped.length > 0 ? [`Left out (invalid spec, see Istio Config): ${model.skipped.join(', ')}`] : []), ...warnings],
  };
}

export interface FetchOptions {
  timeSec: number;
  signal?: AbortSignal;
}

/** The snapshot and both queries; a failed query fails the report (its AppError names Prometheus). */
export async function fetchSecurityReport(prometheus: PrometheusClient, snapshot: ConfigSnapshot | null, req: SecurityRequest, opts: FetchOptions): Promise<SecurityReport> {
  return buildSecurityReport(await fetchReportInput(prometheus, snapshot, req, opts));
}

/** The graph's review (buildSecurityReview) from the same snapshot and queries as a report. */
export async function fetchSecurityReview(prometheus: PrometheusClient, snapshot: ConfigSnapshot | null, req: SecurityRequest, opts: FetchOptions) {
  return buildSecurityReview(await fetchReportInput(prometheus, snapshot, req, opts));
}

async function fetchReportInput(prometheus: PrometheusClient, snapshot: ConfigSnapshot | null, req: SecurityRequest, opts: FetchOptions): Promise<ReportInput> {
  const q = buildObservedQueries(req.namespaces, req.durationSec);
  const [http, tcp] = await Promise.all([
    prometheus.query(q.http, { timeSec: opts.timeSec, signal: opts.signal }),
    prometheus.query(q.tcp, { timeSec: opts.timeSec, signal: opts.signal }),
  ]);
  const model = securityModelOf(snapshot?.objects ?? []);
  const warnings = snapshot === null ? ['No Istio configuration source is configured: effective modes are Istio defaults and policies are unknown.'] : [];
  if (snapshot && snapshot.errors.length > 0) warnings.push(`${snapshot.errors.length} config file(s) could not be read (see Istio Config).`);
  return { model, http, tcp, req, timestamp: opts.timeSec, warnings };
}
