/**
 * Effective mutual-TLS mode per workload and port, as istiod composes it
 * (pilot `ComposePeerAuthentication`):
 *   - mesh-wide: a PeerAuthentication in the root namespace without a selector (UNSET → PERMISSIVE);
 *   - namespace-wide: one in the workload's namespace without a selector (UNSET inherits the mesh);
 *   - workload: one in the workload's namespace whose selector matches (UNSET inherits the namespace),
 *     and its `portLevelMtls` (UNSET inherits the workload's mode). Selector policies in the root
 *     namespace are ignored. Competing policies of one level: the oldest wins.
 * The client side comes from DestinationRule TLS settings (see client-tls.ts); a server mode and the
 * client modes that reach it give the port's state.
 */
import type { Workload } from '../istio/mesh-index';
import type { PeerAuthenticationSpec } from '../istio/types';
import { clientTlsFor, type ClientTlsRef } from './client-tls';
import { hasSidecar, injectionEnabled, oldest, policyId, workloadId, workloadPorts, type Policy, type SecurityModel } from './model';

export type PeerMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';
/** A port's state: the server's mode, or CONFLICT when a DestinationRule's TLS cannot meet it. */
export type PortState = PeerMode | 'CONFLICT';
/** A workload's state: one mode on every port, MIXED otherwise; NO_SIDECAR / GATEWAY when PA does not apply. */
export type WorkloadState = PortState | 'MIXED' | 'NO_SIDECAR' | 'GATEWAY';
export type MeshStatus = 'enabled' | 'partial' | 'disabled';

export interface PortMode {
  port: number;
  mode: PeerMode;
  /** `namespace/name` of the PeerAuthentication that decided, or null for Istio's default (PERMISSIVE). */
  policy: string | null;
  /** The level that decided. */
  level: 'default' | 'mesh' | 'namespace' | 'workload' | 'port';
  /** DestinationRules that set TLS for traffic to this port (none: Istio's auto mTLS). */
  clientTls: ClientTlsRef[];
  state: PortState;
}

export interface WorkloadSecurity {
  namespace: string;
  name: string;
  /** Canonical service and revision ('' when none), as telemetry and the graph name the workload. */
  app: string;
  version: string;
  serviceAccount: string;
  sidecar: boolean;
  gateway: boolean;
  /** Mode for ports not listed in `ports` (the workload-level mode). */
  defaultMode: PeerMode;
  defaultPolicy: string | null;
  ports: PortMode[];
  state: WorkloadState;
}

export interface NamespaceSecurity {
  namespace: string;
  injection: boolean;
  /** enabled: every port of every sidecar workload STRICT; partial: some; disabled: none (no such workload: the namespace policy). */
  status: MeshStatus;
  workloads: number;
  strictPorts: number;
  totalPorts: number;
}

interface Resolved {
  mode: PeerMode;
  policy: string | null;
  level: PortMode['level'];
}

const hasSelector = (p: Policy<PeerAuthenticationSpec>) => Object.keys(p.spec.selector?.matchLabels ?? {}).length > 0;
const setMode = (raw: string | undefined): PeerMode | undefined =>
  raw === 'STRICT' || raw === 'PERMISSIVE' || raw === 'DISABLE' ? raw : undefined;

/** The PeerAuthentication of each level that applies to a workload. */
export function applicablePeerAuthentications(model: SecurityModel, w: Pick<Workload, 'namespace' | 'labels'>) {
  const inNs = (ns: string) => model.lookup.peerAuthentications.get(ns) ?? [];
  const mesh = oldest(inNs(model.rootNamespace).filter((p) => !hasSelector(p)));
  const own = w.namespace === model.rootNamespace ? [] : inNs(w.namespace);
  const namespace = oldest(own.filter((p) => !hasSelector(p)));
  // Selector policies in the root namespace are ignored (istiod: workload level is per namespace).
  const workload = oldest(own.filter((p) => hasSelector(p) && Object.entries(p.spec.selector?.matchLabels ?? {}).every(([k, v]) => w.labels[k] === v)));
  return { mesh, namespace, workload };
}

/** The workload-level mode (no port given) and the mode for each port. */
export function resolvePeerMode(model: SecurityModel, w: Pick<Workload, 'namespace' | 'labels'>, port?: number): Resolved {
  const { mesh, namespace, workload } = applicablePeerAuthentications(model, w);
  let out: Resolved = { mode: 'PERMISSIVE', policy: null, level: 'default' };
  const apply = (p: Policy<PeerAuthenticationSpec> | undefined, level: Resolved['level']) => {
    const m = setMode(p?.spec.mtls?.mode);
    if (p && m) out = { mode: m, policy: policyId(p), level };
  };
  apply(mesh, 'mesh');
  apply(namespace, 'namespace');
  apply(workload, 'workload');
  if (workload && port !== undefined) {
    const m = setMode(workload.spec.portLevelMtls?.[String(port)]?.mode);
    if (m) out = { mode: m, policy: policyId(workload), level: 'port' };
  }
  return out;
}

export function isGateway(w: Pick<Workload, 'labels'>): boolean {
  const role = w.labels.istio;
  return role === 'ingressgateway' || role === 'egressgateway' || w.labels['gateway.networking.k8s.io/gateway-name'] !== undefined;
}

function portState(mode: PeerMode, clientTls: ClientTlsRef[]): PortState {
  const plaintextClient = clientTls.some((c) => c.mode === 'DISABLE' || c.mode === 'SIMPLE' || c.mode === 'MUTUAL');
  const mtlsClient = clientTls.some((c) => c.mode === 'ISTIO_MUTUAL');
  if (mode === 'STRICT' && plaintextClient) return 'CONFLICT';
  if (mode === 'DISABLE' && mtlsClient) return 'CONFLICT';
  return mode;
}

/** Effective mTLS of one workload on every port a Service sends it traffic to (plus port-level ports). */
export function workloadSecurity(model: SecurityModel, w: Workload): WorkloadSecurity {
  const gateway = isGateway(w);
  const sidecar = hasSidecar(model, w);
  const base = resolvePeerMode(model, w);
  const portSet = new Set(workloadPorts(model, w));
  const { workload: wlPolicy } = applicablePeerAuthentications(model, w);
  for (const key of Object.keys(wlPolicy?.spec.portLevelMtls ?? {})) if (/^\d+$/.test(key)) portSet.add(Number(key));
  const ports: PortMode[] = [...portSet]
    .sort((a, b) => a - b)
    .map((port) => {
      const r = resolvePeerMode(model, w, port);
      const clientTls = clientTlsFor(model, w, port);
      return { port, mode: r.mode, policy: r.policy, level: r.level, clientTls, state: portState(r.mode, clientTls) };
    });
  let state: WorkloadState;
  if (gateway) state = 'GATEWAY';
  else if (!sidecar) state = 'NO_SIDECAR';
  else {
    const states = new Set<PortState>(ports.length > 0 ? ports.map((p) => p.state) : [base.mode]);
    state = states.size === 1 ? ([...states][0] as PortState) : 'MIXED';
  }
  return {
    namespace: w.namespace,
    name: w.name,
    app: w.labels['service.istio.io/canonical-name'] ?? w.labels['app.kubernetes.io/name'] ?? w.labels.app ?? w.name,
    version: w.labels['service.istio.io/canonical-revision'] ?? w.labels['app.kubernetes.io/version'] ?? w.labels.version ?? '',
    serviceAccount: w.serviceAccount,
    sidecar,
    gateway,
    defaultMode: base.mode,
    defaultPolicy: base.policy,
    ports,
    state,
  };
}

/** Ports whose traffic PeerAuthentication governs: sidecar workloads that are not gateways. */
function governedPorts(w: WorkloadSecurity): PortState[] {
  if (!w.sidecar || w.gateway) return [];
  return w.ports.length > 0 ? w.ports.map((p) => p.state) : [w.defaultMode];
}

function statusOf(states: PortState[]): MeshStatus {
  const strict = states.filter((s) => s === 'STRICT').length;
  if (states.length > 0 && strict === states.length) return 'enabled';
  return strict > 0 ? 'partial' : 'disabled';
}

export function namespaceSecurity(model: SecurityModel, namespace: string, workloads: readonly WorkloadSecurity[]): NamespaceSecurity {
  const mine = workloads.filter((w) => w.namespace === namespace);
  const states = mine.flatMap(governedPorts);
  // Without sidecar workloads (or none in the config), the namespace's policy alone decides.
  const policyOnly = resolvePeerMode(model, { namespace, labels: {} }).mode === 'STRICT' ? 'enabled' : 'disabled';
  return {
    namespace,
    injection: injectionEnabled(model, namespace),
    status: states.length > 0 ? statusOf(states) : policyOnly,
    workloads: mine.length,
    strictPorts: states.filter((s) => s === 'STRICT').length,
    totalPorts: states.length,
  };
}

/**
 * Mesh-wide status (Kiali's lock in the header): enabled when every governed port of every sidecar
 * workload is STRICT with no conflicting DestinationRule, partial when some are, disabled otherwise.
 * A mesh without workloads in the config falls back to the mesh-wide policy alone.
 */
export function meshStatus(model: SecurityModel, workloads: readonly WorkloadSecurity[]): MeshStatus {
  const states = workloads.flatMap(governedPorts);
  if (states.length === 0) {
    const mesh = resolvePeerMode(model, { namespace: model.rootNamespace, labels: {} });
    return mesh.mode === 'STRICT' ? 'enabled' : 'disabled';
  }
  return statusOf(states);
}

const workloadSecurityOfModel = new WeakMap<SecurityModel, readonly WorkloadSecurity[]>();

/**
 * Every workload's effective security, sorted by id. Config only, so computed once per model (models
 * are memoised per config snapshot): a graph request reviews security on every refresh.
 */
export function allWorkloadSecurity(model: SecurityModel): readonly WorkloadSecurity[] {
  let all = workloadSecurityOfModel.get(model);
  if (!all) workloadSecurityOfModel.set(model, (all = Object.freeze(computeAllWorkloadSecurity(model))));
  return all;
}

function computeAllWorkloadSecurity(model: SecurityModel): WorkloadSecurity[] {
  const seen = new Set<string>();
  return model.index.workloads
    // The same object applied twice (two files) is one workload.
    .filter((w) => !seen.has(`${w.kind}/${workloadId(w)}`) && Boolean(seen.add(`${w.kind}/${workloadId(w)}`)))
    .filter((w) => w.kind !== 'Pod' || !model.index.workloads.some((o) => o !== w && o.kind !== 'Pod' && o.namespace === w.namespace && w.name.startsWith(`${o.name}-`)))
    .map((w) => workloadSecurity(model, w))
    .sort((a, b) => workloadId(a).localeCompare(workloadId(b)));
}
