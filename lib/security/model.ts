/**
 * The part of a config snapshot the security review reads: workloads (with labels, service account,
 * sidecar), the ports Services route to them, namespaces with their injection labels, and the
 * PeerAuthentications, DestinationRules and AuthorizationPolicies with validated specs. Objects whose
 * spec fails the schema are left out and listed in `skipped` (the validator reports why).
 */
import { MeshIndex, type RegistryService, type Workload } from '../istio/mesh-index';
import {
  AuthorizationPolicySpecSchema,
  DestinationRuleSpecSchema,
  PeerAuthenticationSpecSchema,
  isIstioKind,
  type AuthorizationPolicySpec,
  type DestinationRuleSpec,
  type K8sObject,
  type PeerAuthenticationSpec,
} from '../istio/types';
import type { ConfigObject } from '../istio/yaml-loader';

export const DEFAULT_ROOT_NAMESPACE = 'istio-system';

export interface Policy<S> {
  namespace: string;
  name: string;
  spec: S;
  /** metadata.creationTimestamp in ms, when given: Istio lets the oldest of competing policies win. */
  createdMs?: number;
  /** Position in the snapshot: the tie-breaker when timestamps are absent. */
  order: number;
}

export interface SecurityModel {
  rootNamespace: string;
  index: MeshIndex;
  peerAuthentications: Policy<PeerAuthenticationSpec>[];
  destinationRules: Policy<DestinationRuleSpec>[];
  authorizationPolicies: Policy<AuthorizationPolicySpec>[];
  /** `Kind namespace/name` of security objects left out because their spec is invalid. */
  skipped: string[];
  /** `namespace/name` of workloads → whether their pods run an Istio proxy (see `sidecarOf`). */
  sidecars: Map<string, boolean>;
  /** Lookups built once: policies by namespace, DestinationRules with their FQDN host. */
  lookup: {
    peerAuthentications: Map<string, Policy<PeerAuthenticationSpec>[]>;
    authorizationPolicies: Map<string, Policy<AuthorizationPolicySpec>[]>;
    destinationRules: Array<{ dr: Policy<DestinationRuleSpec>; host: string }>;
  };
}

function groupByNamespace<T extends { namespace: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const list = out.get(it.namespace);
    if (list) list.push(it);
    else out.set(it.namespace, [it]);
  }
  return out;
}

const SPECS = {
  PeerAuthentication: PeerAuthenticationSpecSchema,
  DestinationRule: DestinationRuleSpecSchema,
  AuthorizationPolicy: AuthorizationPolicySpecSchema,
} as const;

export function buildSecurityModel(objects: readonly ConfigObject[], rootNamespace = DEFAULT_ROOT_NAMESPACE): SecurityModel {
  const index = new MeshIndex({ rootNamespace });
  const model: SecurityModel = { rootNamespace, index, peerAuthentications: [], destinationRules: [], authorizationPolicies: [], skipped: [], sidecars: new Map(),
    lookup: { peerAuthentications: new Map(), authorizationPolicies: new Map(), destinationRules: [] } };
  objects.forEach((co, order) => {
    const obj = co.object;
    const namespace = obj.metadata.namespace ?? 'default';
    const name = obj.metadata.name;
    index.addNamespaceOf(obj.metadata.namespace);
    if (!isIstioKind(obj.kind)) {
      index.addKube({ obj, co, namespace: obj.kind === 'Namespace' ? '' : namespace, name });
      return;
    }
    if (obj.kind !== 'PeerAuthentication' && obj.kind !== 'DestinationRule' && obj.kind !== 'AuthorizationPolicy') return;
    const parsed = SPECS[obj.kind].safeParse(obj.spec ?? {});
    if (!parsed.success) {
      model.skipped.push(`${obj.kind} ${namespace}/${name}`);
      return;
    }
    const created = Date.parse(String(obj.metadata.creationTimestamp ?? ''));
    const base = { namespace, name, order, ...(Number.isFinite(created) ? { createdMs: created } : {}) };
    if (obj.kind === 'PeerAuthentication') model.peerAuthentications.push({ ...base, spec: parsed.data as PeerAuthenticationSpec });
    else if (obj.kind === 'DestinationRule') model.destinationRules.push({ ...base, spec: parsed.data as DestinationRuleSpec });
    else model.authorizationPolicies.push({ ...base, spec: parsed.data as AuthorizationPolicySpec });
  });
  index.finish();
  for (const co of objects) {
    const o = co.object;
    if (o.kind === 'Namespace' || isIstioKind(o.kind)) continue;
    const ns = o.metadata.namespace ?? 'default';
    const known = model.index.workloadsIn(ns).some((w) => w.name === o.metadata.name && w.kind === o.kind);
    if (known) model.sidecars.set(`${ns}/${o.metadata.name}`, sidecarOf(o, model.index.namespaceLabels.get(ns) ?? {}));
  }
  model.lookup.peerAuthentications = groupByNamespace(model.peerAuthentications);
  model.lookup.authorizationPolicies = groupByNamespace(model.authorizationPolicies);
  model.lookup.destinationRules = model.destinationRules.map((dr) => ({ dr, host: index.fqdn(dr.spec.host, dr.namespace) }));
  return model;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const strings = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(rec(v)).filter((e): e is [string, string] => typeof e[1] === 'string'));

/**
 * Whether a workload's pods run an Istio proxy, as the injector decides: an `istio-proxy` container
 * (gateways, already-injected pods), else the pod's `sidecar.istio.io/inject` annotation or label,
 * else the namespace's injection label.
 */
export function sidecarOf(o: K8sObject, nsLabels: Record<string, string>): boolean {
  const template = o.kind === 'Pod' ? { metadata: o.metadata, spec: o.spec } : rec(rec(o.spec).template);
  const meta = rec(template.metadata);
  const containers = Array.isArray(rec(template.spec).containers) ? (rec(template.spec).containers as unknown[]) : [];
  if (containers.some((c) => rec(c).name === 'istio-proxy')) return true;
  const inject = strings(meta.annotations)['sidecar.istio.io/inject'] ?? strings(meta.labels)['sidecar.istio.io/inject'];
  if (inject === 'true') return true;
  if (inject === 'false') return false;
  return nsLabels['istio-injection'] === 'enabled' || (nsLabels['istio.io/rev'] !== undefined && nsLabels['istio-injection'] !== 'disabled');
}

export function hasSidecar(model: SecurityModel, w: Workload): boolean {
  return model.sidecars.get(`${w.namespace}/${w.name}`) ?? w.inMesh;
}

/** Istio's tie-break between policies of the same level: the oldest, then the first read. */
export function oldest<S>(policies: readonly Policy<S>[]): Policy<S> | undefined {
  let best: Policy<S> | undefined;
  for (const p of policies) {
    if (!best) best = p;
    else {
      const a = p.createdMs ?? Infinity;
      const b = best.createdMs ?? Infinity;
      if (a < b || (a === b && p.order < best.order)) best = p;
    }
  }
  return best;
}

export function policyId(p: { namespace: string; name: string }): string {
  return `${p.namespace}/${p.name}`;
}

export function workloadId(w: { namespace: string; name: string }): string {
  return `${w.namespace}/${w.name}`;
}

/** Services of the registry whose selector picks `w` (Kubernetes Services in its namespace). */
export function servicesOf(model: SecurityModel, w: Workload): RegistryService[] {
  return servicesIn(model, w.namespace).filter(
    (s) => s.kind === 'Service' && s.namespace === w.namespace && s.selector !== undefined && Object.keys(s.selector).length > 0 && Object.entries(s.selector).every(([k, v]) => w.labels[k] === v),
  );
}

const servicesByNs = new WeakMap<SecurityModel, Map<string, RegistryService[]>>();

function servicesIn(model: SecurityModel, namespace: string): RegistryService[] {
  let map = servicesByNs.get(model);
  if (!map) servicesByNs.set(model, (map = groupByNamespace(model.index.services)));
  return map.get(namespace) ?? [];
}

/** The workload ports traffic arrives on: the numeric target ports of the Services in front of it. */
export function workloadPorts(model: SecurityModel, w: Workload): number[] {
  const ports = new Set<number>();
  for (const s of servicesOf(model, w)) for (const p of s.ports) if (p.targetPort !== undefined) ports.add(p.targetPort);
  return [...ports].sort((a, b) => a - b);
}

/** Namespaces labelled for sidecar injection (istio-injection=enabled or a revision label). */
export function injectionEnabled(model: SecurityModel, namespace: string): boolean {
  const labels = model.index.namespaceLabels.get(namespace);
  return labels?.['istio-injection'] === 'enabled' || (labels?.['istio.io/rev'] !== undefined && labels['istio-injection'] !== 'disabled');
}

const cache = new WeakMap<readonly ConfigObject[], SecurityModel>();

/** buildSecurityModel, memoised on the objects array (a config source returns the same one while nothing changed). */
export function securityModelOf(objects: readonly ConfigObject[]): SecurityModel {
  let model = cache.get(objects);
  if (!model) cache.set(objects, (model = buildSecurityModel(objects)));
  return model;
}
