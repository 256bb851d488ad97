/**
 * Config appenders: badges from the Istio/Kubernetes configuration (VirtualService routes, traffic
 * shifting, fault injection, timeouts, mirroring, circuit breakers, missing sidecars, config errors),
 * gateways selected by a Gateway, and idle nodes (known from config, no traffic). Pure: a graph and a
 * configuration snapshot in, a new graph out — the caller decides where the snapshot comes from.
 */
import { serviceNode, workloadNode } from './endpoints';
import type { Graph, GraphNode, GraphOptions, NodeBadges } from './types';

/** The part of a Kubernetes/Istio object the appenders read. */
export interface ConfigObject {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: unknown;
}

export interface ConfigValidation {
  kind: string;
  namespace: string;
  name: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface ConfigInput {
  objects: readonly ConfigObject[];
  validations?: readonly ConfigValidation[];
  /** Cluster DNS suffix for short hosts (default cluster.local). */
  domain?: string;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(rec(v))) if (typeof x === 'string') out[k] = x;
  return out;
};

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod']);

interface WorkloadInfo {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  app: string;
  version: string;
  sidecar: boolean;
  gateway: boolean;
}

/** FQDN of a VirtualService/DestinationRule host written in namespace `ns`. */
export function resolveHost(host: string, ns: string, domain = 'cluster.local'): string {
  if (host.includes('*')) return host;
  const parts = host.split('.');
  if (parts.length === 1) return `${host}.${ns}.svc.${domain}`;
  if (parts.length === 2) return `${host}.svc.${domain}`;
  return host;
}

function podMeta(o: ConfigObject): { labels: Record<string, string>; annotations: Record<string, string> } {
  if (o.kind === 'Pod') return { labels: { ...o.metadata.labels }, annotations: { ...o.metadata.annotations } };
  const tmpl = rec(rec(rec(o.spec).template).metadata);
  return { labels: strMap(tmpl.labels), annotations: { ...o.metadata.annotations, ...strMap(tmpl.annotations) } };
}

/**
 * The workloads of a configuration, memoised on the objects array (a config source hands out the same
 * array while nothing changed, and every graph refresh asks): treat the answer as read-only.
 */
export function workloadsOf(objects: readonly ConfigObject[]): readonly WorkloadInfo[] {
  return workloadIndexOf(objects).all;
}

interface WorkloadIndex {
  all: readonly WorkloadInfo[];
  byNamespace: ReadonlyMap<string, readonly WorkloadInfo[]>;
}

const workloadIndexes = new WeakMap<readonly ConfigObject[], WorkloadIndex>();

function workloadIndexOf(objects: readonly ConfigObject[]): WorkloadIndex {
  let index = workloadIndexes.get(objects);
  if (!index) {
    const all = readWorkloads(objects);
    const byNamespace = new Map<string, WorkloadInfo[]>();
    for (const w of all) {
      const list = byNamespace.get(w.namespace);
      if (list) list.push(w);
      else byNamespace.set(w.namespace, [w]);
    }
    index = { all, byNamespace };
    workloadIndexes.set(objects, index);
  }
  return index;
}

function readWorkloads(objects: readonly ConfigObject[]): WorkloadInfo[] {
  const nsLabels = new Map<string, Record<string, string>>();
  for (const o of objects) if (o.kind === 'Namespace') nsLabels.set(o.metadata.name, { ...o.metadata.labels });
  const out: WorkloadInfo[] = [];
  for (const o of objects) {
    if (!WORKLOAD_KINDS.has(o.kind)) continue;
    const namespace = o.metadata.namespace ?? 'default';
    const { labels, annotations } = podMeta(o);
    const gateway = labels.istio === 'ingressgateway' || labels.istio === 'egressgateway' || labels['gateway.networking.k8s.io/gateway-name'] !== undefined;
    const inject = annotations['sidecar.istio.io/inject'] ?? labels['sidecar.istio.io/inject'];
    const ns = nsLabels.get(namespace) ?? {};
    const nsInjected = ns['istio-injection'] === 'enabled' || ns['istio.io/rev'] !== undefined;
    const sidecar = gateway || (inject === 'true' ? true : inject === 'false' ? false : nsInjected);
    out.push({
      namespace,
      name: o.metadata.name,
      labels,
      app: labels['service.istio.io/canonical-name'] ?? labels['app.kubernetes.io/name'] ?? labels.app ?? o.metadata.name,
      version: labels['service.istio.io/canonical-revision'] ?? labels['app.kubernetes.io/version'] ?? labels.version ?? '',
      sidecar,
      gateway,
    });
  }
  return out;
}

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

/** Which workloads a node stands for (one for a workload node, all versions for an app node). */
function workloadsOfNode(node: GraphNode, index: WorkloadIndex): readonly WorkloadInfo[] {
  const workloads = index.byNamespace.get(node.namespace) ?? [];
  switch (node.nodeType) {
    case 'workload':
      return workloads.filter((w) => w.name === node.workload);
    case 'app':
      return workloads.filter((w) => w.app === node.app);
    case 'versionedApp':
      return workloads.filter((w) => w.app === node.app && w.version === node.version);
    default:
      return [];
  }
}

interface HostBadges {
  vs: Set<string>;
  badges: NodeBadges;
}

function hostBadges(objects: readonly ConfigObject[], domain: string): Map<string, HostBadges> {
  const byHost = new Map<string, HostBadges>();
  const at = (host: string) => {
    let h = byHost.get(host);
    if (!h) byHost.set(host, (h = { vs: new Set(), badges: {} }));
    return h;
  };
  for (const o of objects) {
    const ns = o.metadata.namespace ?? 'default';
    const spec = rec(o.spec);
    if (o.kind === 'VirtualService') {
      const http = arr(spec.http).map(rec);
      const tcp = arr(spec.tcp).map(rec);
      for (const rawHost of arr(spec.hosts)) {
        if (typeof rawHost !== 'string') continue;
        const h = at(resolveHost(rawHost, ns, domain));
        h.vs.add(`${ns}/${o.metadata.name}`);
        for (const route of http) {
          if (route.fault !== undefined) h.badges.faultInjection = true;
          if (route.mirror !== undefined || route.mirrors !== undefined) h.badges.mirroring = true;
          if (route.timeout !== undefined) h.badges.requestTimeout = true;
          if (arr(route.route).length > 1) h.badges.trafficShifting = true;
          if (arr(route.match).length > 0) h.badges.requestRouting = true;
        }
        for (const route of tcp) if (arr(route.route).length > 1) h.badges.trafficShifting = true;
      }
    } else if (o.kind === 'DestinationRule' && typeof spec.host === 'string') {
      const policies = [rec(spec.trafficPolicy), ...arr(spec.subsets).map((s) => rec(rec(s).trafficPolicy))];
      const cb = policies.some((p) => p.connectionPool !== undefined || p.outlierDetection !== undefined);
      if (cb) at(resolveHost(spec.host, ns, domain)).badges.circuitBreaker = true;
    }
  }
  return byHost;
}

function serviceFqdn(node: GraphNode, domain: string): string | undefined {
  if (node.service === '' || node.nodeType === 'unknown' || node.nodeType === 'external') return undefined;
  return `${node.service}.${node.namespace}.svc.${domain}`;
}

type ConfigError = NonNullable<NodeBadges['configErrors']>[number];

/** What the badges need of the configuration alone: per host, per selector, the gateways' selectors. */
interface ConfigBadgeIndex {
  byHost: Map<string, HostBadges>;
  errorsByHost: Map<string, ConfigError[]>;
  errorsBySelector: Array<{ namespace: string; selector: Record<string, string>; error: ConfigError }>;
  gatewaySelectors: Array<{ namespace: string; selector: Record<string, string>; egress: boolean }>;
}

/** One index per objects array, validations array and domain (the latest; graphs refresh on one snapshot). */
const configBadgeIndexes = new WeakMap<readonly ConfigObject[], { validations: ConfigInput['validations']; domain: string; index: ConfigBadgeIndex }>();

function configBadgeIndexOf(input: ConfigInput, domain: string): ConfigBadgeIndex {
  const cached = configBadgeIndexes.get(input.objects);
  if (cached && cached.validations === input.validations && cached.domain === domain) return cached.index;
  const index = buildConfigBadgeIndex(input, domain);
  configBadgeIndexes.set(input.objects, { validations: input.validations, domain, index });
  return index;
}

function buildConfigBadgeIndex(input: ConfigInput, domain: string): ConfigBadgeIndex {
  const byHost = hostBadges(input.objects, domain);
  // Validation messages of host-scoped objects go to the service; selector-scoped ones to workloads.
  const objectIndex = new Map(input.objects.map((o) => [`${o.kind}/${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, o]));
  const errorsByHost = new Map<string, ConfigError[]>();
  const errorsBySelector: ConfigBadgeIndex['errorsBySelector'] = [];
  for (const v of input.validations ?? []) {
    if (v.severity === 'info') continue;
    const o = objectIndex.get(`${v.kind}/${v.namespace}/${v.name}`);
    if (!o) continue;
    const spec = rec(o.spec);
    const error = { severity: v.severity, message: v.message, object: `${v.kind} ${v.namespace}/${v.name}` };
    const hosts = [...arr(spec.hosts), spec.host].filter((h): h is string => typeof h === 'string');
    for (const h of hosts) {
      const fq = resolveHost(h, v.namespace, domain);
      errorsByHost.set(fq, [...(errorsByHost.get(fq) ?? []), error]);
    }
    const selector = strMap(rec(spec.selector).matchLabels ?? rec(spec.workloadSelector).labels ?? spec.selector);
    if (hosts.length === 0 && Object.keys(selector).length > 0) errorsBySelector.push({ namespace: v.namespace, selector, error });
  }

  const gatewaySelectors = input.objects
    .filter((o) => o.kind === 'Gateway')
    .map((o) => ({ namespace: o.metadata.namespace ?? 'default', selector: strMap(rec(o.spec).selector), egress: /egress/.test(o.metadata.name) }));
  return { byHost, errorsByHost, errorsBySelector, gatewaySelectors };
}

/** Badges, config errors and config-selected gateways onto a copy of the graph. */
export function appendConfigBadges(graph: Graph, input: ConfigInput): Graph {
  const domain = input.domain ?? 'cluster.local';
  const workloads = workloadIndexOf(input.objects);
  const { byHost, errorsByHost, errorsBySelector, gatewaySelectors } = configBadgeIndexOf(input, domain);
  const serviceNodeHosts = new Set(graph.nodes.filter((n) => n.nodeType === 'service').map((n) => serviceFqdn(n, domain)));

  const nodes = graph.nodes.map((node) => {
    const badges: NodeBadges = {};
    const fq = serviceFqdn(node, domain);
    const ownsHostBadges = fq !== undefined && (node.nodeType === 'service' || !serviceNodeHosts.has(fq));
    if (fq && ownsHostBadges) {
      const h = byHost.get(fq);
      if (h) {
        Object.assign(badges, h.badges);
        if (h.vs.size > 0) badges.virtualService = [...h.vs].sort();
      }
      const errs = errorsByHost.get(fq);
      if (errs) badges.configErrors = [...errs];
    }
    const backing = workloadsOfNode(node, workloads);
    if (backing.some((w) => !w.sidecar)) badges.missingSidecar = true;
    for (const e of errorsBySelector) {
      if (backing.some((w) => w.namespace === e.namespace && matches(e.selector, w.labels))) {
        badges.configErrors = [...(badges.configErrors ?? []), e.error];
      }
    }
    let isGateway = node.isGateway;
    if (!isGateway) {
      const gw = gatewaySelectors.find((g) => backing.some((w) => matches(g.selector, w.labels)));
      if (gw) isGateway = gw.egress ? 'egress' : 'ingress';
    }
    const hasBadges = Object.keys(badges).length > 0;
    if (!hasBadges && isGateway === node.isGateway) return node;
    return { ...node, ...(hasBadges ? { badges } : {}), ...(isGateway ? { isGateway } : {}) };
  });
  return { nodes, edges: graph.edges };
}

/** Adds workloads (and services, when service nodes are shown) that had no traffic, marked idle. */
export function appendIdleNodes(graph: Graph, input: ConfigInput, options: GraphOptions): Graph {
  const have = new Set(graph.nodes.map((n) => n.id));
  const selected = new Set(options.namespaces);
  const extra: GraphNode[] = [];
  const add = (spec: ReturnType<typeof serviceNode>) => {
    if (have.has(spec.id)) return;
    have.add(spec.id);
    extra.push({
      ...spec,
      health: 'idle',
      isIdle: true,
      traffic: { inRps: 0, outRps: 0, inErrorRate: 0, outErrorRate: 0, inP50: null, inP95: null, inP99: null, tcpInBps: 0, tcpOutBps: 0 },
    });
  };
  if (options.graphType === 'service' || options.injectServiceNodes) {
    for (const o of input.objects) {
      if (o.kind !== 'Service' || !selected.has(o.metadata.namespace ?? 'default')) continue;
      add(serviceNode(o.metadata.namespace ?? 'default', o.metadata.name, false));
    }
  }
  if (options.graphType !== 'service') {
    for (const w of workloadsOf(input.objects)) {
      if (!selected.has(w.namespace)) continue;
      add(workloadNode(options.graphType, w.namespace, w.name, w.app, w.version || 'latest'));
    }
  }
  return extra.length === 0 ? graph : { nodes: [...graph.nodes, ...extra], edges: graph.edges };
}

/** Page-level explanations the configuration allows: namespaces whose workloads have no sidecar. */
export function configWarnings(input: ConfigInput, namespaces: readonly string[]): string[] {
  const warnings: string[] = [];
  const byNamespace = workloadIndexOf(input.objects).byNamespace;
  for (const ns of namespaces) {
    const inNs = (byNamespace.get(ns) ?? []).filter((w) => !w.gateway);
    if (inNs.length > 0 && inNs.every((w) => !w.sidecar)) {
      warnings.push(`No workload in namespace ${ns} has an Istio sidecar: the mesh sees only calls made to it from workloads with sidecars, and none it makes itself. Label the namespace istio-injection=enabled and restart its workloads.`);
    }
  }
  return warnings;
}
