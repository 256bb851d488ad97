/**
 * A read-only index over one snapshot: the registry (Kubernetes Services + ServiceEntries), workloads
 * (Pods, pod templates of Deployments & co., WorkloadEntries), namespaces, service accounts and the
 * Istio objects by kind, with the lookups the checks need (host → services visible from a namespace,
 * selector → workloads). Built once per validation in O(objects).
 */
import {
  exportScope,
  hostCovers,
  hostsOverlap,
  isExportedTo,
  isWildcard,
  labelsMatch,
  serviceExportTo,
  toFqdn,
} from './hosts';
import type { ConfigObject } from './yaml-loader';
import {
  K8sServiceSpecSchema,
  PodSpecSchema,
  PodTemplateOwnerSpecSchema,
  type AuthorizationPolicy,
  type DestinationRule,
  type Gateway,
  type K8sObject,
  type PeerAuthentication,
  type RequestAuthentication,
  type ServiceEntry,
  type Sidecar,
  type VirtualService,
} from './types';

export interface Entry<T extends K8sObject = K8sObject> {
  obj: T;
  co: ConfigObject;
  namespace: string;
  name: string;
}

export interface ServicePort {
  number: number;
  name?: string;
  protocol?: string;
  /** Numeric target port (or the port itself when none is given); undefined for named target ports. */
  targetPort?: number;
  /** A named target port (`targetPort: http`). */
  targetPortName?: string;
}

export interface RegistryService {
  kind: 'Service' | 'ServiceEntry';
  /** FQDN for Services; the host as written (lower case, maybe a wildcard) for ServiceEntries. */
  host: string;
  namespace: string;
  name: string;
  exportTo?: string[];
  ports: ServicePort[];
  /** Service `spec.selector`, ServiceEntry `workloadSelector.labels`. */
  selector?: Record<string, string>;
  /** ServiceEntry endpoint labels (one entry per endpoint). */
  endpointLabels?: Array<Record<string, string>>;
  entry: Entry;
}

export interface Workload {
  kind: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  serviceAccount: string;
  /** Has (or will get) an Istio sidecar, as far as the input tells. */
  inMesh: boolean;
  /** Read from a live Pod (true) or a template/WorkloadEntry (false). */
  live: boolean;
}

export interface IndexOptions {
  rootNamespace: string;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);

export class MeshIndex {
  readonly namespaces = new Set<string>();
  /** Namespace objects with their labels. */
  readonly namespaceLabels = new Map<string, Record<string, string>>();
  readonly services: RegistryService[] = [];
  private readonly servicesByHost = new Map<string, RegistryService[]>();
  private readonly wildcardServices: RegistryService[] = [];
  readonly workloads: Workload[] = [];
  private readonly workloadsByNs = new Map<string, Workload[]>();
  readonly serviceAccounts = new Set<string>();
  /** True when the input holds at least one Kubernetes Service: host lookups are meaningful. */
  hasKubeServices = false;
  /** True when the input holds at least one workload: selector checks are meaningful. */
  hasWorkloads = false;
  /** True when the input holds ServiceAccount objects: principal checks are meaningful. */
  hasServiceAccounts = false;
  /** True when the input holds Namespace objects: namespace lookups are meaningful. */
  hasNamespaceObjects = false;

  readonly virtualServices: Entry<VirtualService>[] = [];
  readonly destinationRules: Entry<DestinationRule>[] = [];
  readonly gateways: Entry<Gateway>[] = [];
  readonly serviceEntries: Entry<ServiceEntry>[] = [];
  readonly sidecars: Entry<Sidecar>[] = [];
  readonly peerAuthentications: Entry<PeerAuthentication>[] = [];
  readonly authorizationPolicies: Entry<AuthorizationPolicy>[] = [];
  readonly requestAuthentications: Entry<RequestAuthentication>[] = [];
  /** Gateways by `namespace/name`, including Kubernetes Gateway API gateways. */
  readonly gatewayKeys = new Set<string>();
  /** Kubernetes Gateway API gateways by `namespace/name`: their listener hostnames (`*` when a listener has none). */
  readonly k8sGatewayHosts = new Map<string, string[]>();

  constructor(readonly options: IndexOptions) {}

  isNamespace = (ns: string): boolean => this.namespaces.has(ns);

  fqdn(host: string, namespace: string): string {
    return toFqdn(host, namespace, this.isNamespace);
  }

  addNamespaceOf(ns: string | undefined): void {
    if (ns) this.namespaces.add(ns);
  }

  addKube(entry: Entry): void {
    const { obj, namespace, name } = entry;
    switch (obj.kind) {
      case 'Namespace':
        this.hasNamespaceObjects = true;
        this.namespaces.add(name);
        this.namespaceLabels.set(name, obj.metadata.labels ?? {});
        return;
      case 'Service': {
        const spec = K8sServiceSpecSchema.safeParse(obj.spec ?? {});
        if (!spec.success) return;
        this.hasKubeServices = true;
        const ports: ServicePort[] = (spec.data.ports ?? []).map((p) => ({
          number: p.port,
          name: p.name,
          protocol: p.appProtocol ?? p.protocol,
          targetPort: typeof p.targetPort === 'number' ? p.targetPort : p.targetPort === undefined ? p.port : /^\d+$/.test(p.targetPort) ? Number(p.targetPort) : undefined,
          targetPortName: typeof p.targetPort === 'string' && !/^\d+$/.test(p.targetPort) ? p.targetPort : undefined,
        }));
        this.addService({
          kind: 'Service',
          host: toFqdn(name, namespace),
          namespace,
          name,
          exportTo: serviceExportTo(obj.metadata.annotations),
          ports,
          selector: spec.data.selector ?? undefined,
          entry,
        });
        return;
      }
      case 'ServiceAccount':
        this.hasServiceAccounts = true;
        this.serviceAccounts.add(`${namespace}/${name}`);
        return;
      case 'Pod': {
        const spec = PodSpecSchema.safeParse(obj.spec ?? {});
        const podSpec = spec.success ? spec.data : {};
        const hasProxy = (podSpec.containers ?? []).some((c) => c.name === 'istio-proxy');
        this.addWorkload({
          kind: 'Pod',
          name,
          namespace,
          labels: obj.metadata.labels ?? {},
          serviceAccount: podSpec.serviceAccountName ?? podSpec.serviceAccount ?? 'default',
          inMesh: hasProxy || this.injectionRequested(obj.metadata.labels, obj.metadata.annotations),
          live: true,
        });
        return;
      }
      default:
        if (WORKLOAD_KINDS.has(obj.kind)) {
          const spec = PodTemplateOwnerSpecSchema.safeParse(obj.spec ?? {});
          if (!spec.success) return;
          const template = obj.kind === 'CronJob' ? (spec.data.jobTemplate?.spec?.template as typeof spec.data.template) : spec.data.template;
          const tLabels = (template?.metadata?.labels ?? {}) as Record<string, string>;
          const tAnnotations = (template?.metadata?.annotations ?? {}) as Record<string, string>;
          const podSpec = template?.spec ?? {};
          const injectOff = tLabels['sidecar.istio.io/inject'] === 'false' || tAnnotations['sidecar.istio.io/inject'] === 'false';
          this.addWorkload({
            kind: obj.kind,
            name,
            namespace,
            labels: tLabels,
            serviceAccount: podSpec.serviceAccountName ?? podSpec.serviceAccount ?? 'default',
            // A template never shows the injected proxy: assume injection unless it is switched off.
            inMesh: !injectOff,
            live: false,
          });
        }
    }
  }

  /** Adds an Istio object whose spec has passed (or been repaired by) its schema. */
  addIstio(entry: Entry): void {
    switch (entry.obj.kind) {
      case 'VirtualService':
        this.virtualServices.push(entry as Entry<VirtualService>);
        return;
      case 'DestinationRule':
        this.destinationRules.push(entry as Entry<DestinationRule>);
        return;
      case 'Gateway':
        this.gateways.push(entry as Entry<Gateway>);
        this.gatewayKeys.add(`${entry.namespace}/${entry.name}`);
        return;
      case 'ServiceEntry':
        this.serviceEntries.push(entry as Entry<ServiceEntry>);
        this.addServiceEntry(entry as Entry<ServiceEntry>);
        return;
      case 'Sidecar':
        this.sidecars.push(entry as Entry<Sidecar>);
        return;
      case 'PeerAuthentication':
        this.peerAuthentications.push(entry as Entry<PeerAuthentication>);
        return;
      case 'AuthorizationPolicy':
        this.authorizationPolicies.push(entry as Entry<AuthorizationPolicy>);
        return;
      case 'RequestAuthentication':
        this.requestAuthentications.push(entry as Entry<RequestAuthentication>);
        return;
      case 'WorkloadEntry': {
        const spec = entry.obj.spec as { labels?: Record<string, string>; serviceAccount?: string };
        this.addWorkload({ kind: 'WorkloadEntry', name: entry.name, namespace: entry.namespace, labels: spec.labels ?? {}, serviceAccount: spec.serviceAccount ?? 'default', inMesh: true, live: false });
        return;
      }
    }
  }

  private injectionRequested(labels?: Record<string, string>, annotations?: Record<string, string>): boolean {
    return (
      labels?.['sidecar.istio.io/inject'] === 'true' ||
      annotations?.['sidecar.istio.io/inject'] === 'true' ||
      annotations?.['ambient.istio.io/redirection'] === 'enabled'
    );
  }

  addWorkload(w: Workload): void {
    this.hasWorkloads = true;
    this.workloads.push(w);
    let list = this.workloadsByNs.get(w.namespace);
    if (!list) this.workloadsByNs.set(w.namespace, (list = []));
    list.push(w);
    this.serviceAccounts.add(`${w.namespace}/${w.serviceAccount}`);
  }

  private readonly servicesByNs = new Map<string, RegistryService[]>();

  /** Services and ServiceEntries defined in `namespace`. */
  servicesIn(namespace: string): RegistryService[] {
    return this.servicesByNs.get(namespace) ?? [];
  }

  addService(s: RegistryService): void {
    this.services.push(s);
    let inNs = this.servicesByNs.get(s.namespace);
    if (!inNs) this.servicesByNs.set(s.namespace, (inNs = []));
    inNs.push(s);
    if (isWildcard(s.host)) this.wildcardServices.push(s);
    let list = this.servicesByHost.get(s.host);
    if (!list) this.servicesByHost.set(s.host, (list = []));
    list.push(s);
  }

  addServiceEntry(entry: Entry<ServiceEntry>): void {
    const spec = entry.obj.spec;
    for (const h of spec.hosts) {
      this.addService({
        kind: 'ServiceEntry',
        host: toFqdn(h, entry.namespace),
        namespace: entry.namespace,
        name: entry.name,
        exportTo: spec.exportTo,
        ports: (spec.ports ?? []).map((p) => ({ number: p.number, name: p.name, protocol: p.protocol, targetPort: p.targetPort ?? p.number })),
        selector: spec.workloadSelector?.labels,
        endpointLabels: spec.endpoints?.map((e) => e.labels ?? {}),
        entry,
      });
    }
  }

  /** Called after all objects are added: namespace injection labels decide whether live pods are in the mesh. */
  finish(): void {
    for (const w of this.workloads) {
      const nsLabels = this.namespaceLabels.get(w.namespace);
      if (!w.live) {
        if (nsLabels?.['istio-injection'] === 'disabled' && w.labels['sidecar.istio.io/inject'] !== 'true') w.inMesh = false;
        continue;
      }
      if (!w.inMesh && (nsLabels?.['istio-injection'] === 'enabled' || nsLabels?.['istio.io/rev'] !== undefined || nsLabels?.['istio.io/dataplane-mode'] === 'ambient')) {
        w.inMesh = w.labels['sidecar.istio.io/inject'] !== 'false';
      }
    }
  }

  /**
   * Services and ServiceEntries that a destination `host` (already FQDN) names, as seen from
   * `fromNamespace` (exportTo honoured). Wildcard ServiceEntry hosts match by suffix.
   */
  lookupHost(host: string, fromNamespace: string): RegistryService[] {
    const visible = (s: RegistryService) => isExportedTo(s.exportTo, s.namespace, fromNamespace);
    const out = (this.servicesByHost.get(host) ?? []).filter(visible);
    for (const s of this.wildcardServices) if (s.host !== host && hostCovers(s.host, host) && visible(s)) out.push(s);
    if (isWildcard(host)) {
      for (const s of this.services) if (s.host !== host && !isWildcard(s.host) && hostsOverlap(host, s.host) && visible(s)) out.push(s);
    }
    return out;
  }

  /** Registry entries with exactly this host or a wildcard ServiceEntry host covering it, visibility ignored. */
  servicesWithHost(host: string): RegistryService[] {
    const out = [...(this.servicesByHost.get(host) ?? [])];
    for (const s of this.wildcardServices) if (s.host !== host && hostCovers(s.host, host)) out.push(s);
    return out;
  }

  hostExists(host: string): boolean {
    return this.servicesByHost.has(host) || this.wildcardServices.some((s) => hostCovers(s.host, host));
  }

  workloadsIn(namespace: string): Workload[] {
    return this.workloadsByNs.get(namespace) ?? [];
  }

  /** Workloads matched by `selector` in `namespace` (or everywhere when namespace is null). */
  selectWorkloads(selector: Record<string, string> | undefined, namespace: string | null): Workload[] {
    const pool = namespace === null ? this.workloads : this.workloadsIn(namespace);
    return pool.filter((w) => labelsMatch(selector, w.labels));
  }

  /** Workloads behind a registry service: selector-matched workloads in its namespace, plus SE endpoints. */
  backendLabelSets(s: RegistryService): Array<Record<string, string>> {
    const out: Array<Record<string, string>> = [];
    if (s.selector && Object.keys(s.selector).length > 0) {
      for (const w of this.workloadsIn(s.namespace)) if (labelsMatch(s.selector, w.labels)) out.push(w.labels);
    }
    if (s.endpointLabels) out.push(...s.endpointLabels);
    return out;
  }

  exportScopeOf(e: Entry<K8sObject & { spec: { exportTo?: string[] } }>): Set<string> | null {
    return exportScope(e.obj.spec.exportTo, e.namespace);
  }
}
