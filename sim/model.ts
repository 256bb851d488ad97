/**
 * The simulator's view of the mesh, compiled from the Kubernetes and Istio objects in its config
 * directory: workloads (Deployments) with their behaviour, Services, and the Istio resources that
 * change traffic. Only the fields the simulation acts on are read; anything malformed is skipped.
 */
import type { KubeObject } from './config-dir';

export const MESH_DOMAIN = 'svc.cluster.local';
export const ROOT_NAMESPACE = 'istio-system';
export const ANNOTATION_PREFIX = 'sim.meshscope.dev/';

export interface CallSpec {
  host: string;
  port: number;
  path: string;
  protocol: 'http' | 'tcp';
  /** The application's own client timeout (ms); undefined = waits forever. */
  timeoutMs?: number;
  /** Application-level attempts (Bookinfo's productpage tries reviews twice). */
  attempts: number;
  /** Probability that a request makes this call at all (default 1). */
  probability: number;
  /** TCP calls: bytes sent and received per connection. */
  bytesSent: number;
  bytesReceived: number;
}

export interface LoadSpec {
  rps: number;
  /** Requests sent at the same instant each time (fortio's -c): exercises connection-pool limits. */
  burst: number;
  host: string;
  port: number;
  path: string;
  /** Header sets applied to a share of requests, e.g. end-user: jason for 25 %. */
  headerShares: Array<{ share: number; headers: Record<string, string> }>;
}

export interface Behaviour {
  latencyMs: number;
  latencySigma: number;
  errorRate: number;
  calls: CallSpec[];
  masksCalleeErrors: boolean;
  responseBytes: number;
  load?: LoadSpec;
}

export interface Workload {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  app: string;
  version: string;
  serviceAccount: string;
  sidecar: boolean;
  isGateway: boolean;
  behaviour: Behaviour;
}

export interface ServicePort {
  name: string;
  port: number;
  protocol: 'http' | 'tcp' | 'grpc';
}

export interface Service {
  name: string;
  namespace: string;
  fqdn: string;
  selector: Record<string, string>;
  ports: ServicePort[];
}

/** Raw Istio objects with namespace resolved; the routing and security modules read their specs. */
export interface IstioObject {
  kind: string;
  name: string;
  namespace: string;
  spec: Record<string, unknown>;
}

export interface MeshModel {
  workloads: Workload[];
  services: Service[];
  namespaceLabels: Map<string, Record<string, string>>;
  virtualServices: IstioObject[];
  destinationRules: IstioObject[];
  gateways: IstioObject[];
  peerAuthentications: IstioObject[];
  authorizationPolicies: IstioObject[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

export function asStringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(value))) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}

function num(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

function parseJson(value: string | undefined): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function parseCalls(value: string | undefined): CallSpec[] {
  return asArray(parseJson(value)).flatMap((raw) => {
    const c = asRecord(raw);
    const host = asString(c.host);
    if (!host) return [];
    const protocol = c.protocol === 'tcp' ? 'tcp' : 'http';
    return [
      {
        host,
        port: num(c.port, 9080),
        path: asString(c.path, '/'),
        protocol,
        timeoutMs: c.timeoutMs === undefined ? undefined : num(c.timeoutMs, 0) || undefined,
        attempts: Math.max(1, Math.floor(num(c.attempts, 1))),
        probability: Math.min(1, Math.max(0, num(c.probability, 1))),
        bytesSent: num(c.bytesSent, 512),
        bytesReceived: num(c.bytesReceived, 2048),
      } satisfies CallSpec,
    ];
  });
}

function parseLoad(value: string | undefined): LoadSpec | undefined {
  const raw = parseJson(value);
  if (!isRecord(raw)) return undefined;
  const host = asString(raw.host);
  if (!host) return undefined;
  return {
    rps: Math.max(0, num(raw.rps, 1)),
    burst: Math.max(1, Math.floor(num(raw.burst, 1))),
    host,
    port: num(raw.port, 80),
    path: asString(raw.path, '/'),
    headerShares: asArray(raw.headerShares).flatMap((s) => {
      const r = asRecord(s);
      return [{ share: Math.min(1, Math.max(0, num(r.share, 0))), headers: asStringMap(r.headers) }];
    }),
  };
}

function behaviourFrom(annotations: Record<string, string>): Behaviour {
  const a = (key: string) => annotations[ANNOTATION_PREFIX + key];
  return {
    latencyMs: Math.max(0, num(a('latency-ms'), 5)),
    latencySigma: Math.max(0, num(a('latency-sigma'), 0.35)),
    errorRate: Math.min(1, Math.max(0, num(a('error-rate'), 0))),
    calls: parseCalls(a('calls')),
    masksCalleeErrors: a('masks-callee-errors') === 'true',
    responseBytes: Math.max(0, num(a('response-bytes'), 1024)),
    load: parseLoad(a('load')),
  };
}

function hasSidecar(obj: KubeObject, podLabels: Record<string, string>, podAnnotations: Record<string, string>, nsLabels: Record<string, string>): boolean {
  const inject = podAnnotations['sidecar.istio.io/inject'] ?? podLabels['sidecar.istio.io/inject'];
  if (inject === 'false') return false;
  if (inject === 'true') return true;
  return nsLabels['istio-injection'] === 'enabled' || nsLabels['istio.io/rev'] !== undefined || obj.metadata.namespace === ROOT_NAMESPACE;
}

function compileWorkload(obj: KubeObject, nsLabels: Map<string, Record<string, string>>): Workload | undefined {
  const spec = asRecord(obj.spec);
  const template = asRecord(spec.template);
  const podMeta = asRecord(template.metadata);
  const podSpec = asRecord(template.spec);
  const labels = { ...asStringMap(podMeta.labels) };
  const namespace = obj.metadata.namespace ?? 'default';
  const annotations = { ...asStringMap(obj.metadata.annotations), ...asStringMap(podMeta.annotations) };
  if (num(spec.replicas, 1) <= 0) return undefined;
  const isGateway = labels.istio === 'ingressgateway' || labels.istio === 'egressgateway';
  return {
    name: obj.metadata.name,
    namespace,
    labels,
    app: labels.app ?? labels['app.kubernetes.io/name'] ?? obj.metadata.name,
    version: labels.version ?? labels['app.kubernetes.io/version'] ?? '',
    serviceAccount: asString(podSpec.serviceAccountName, 'default'),
    sidecar: isGateway || hasSidecar(obj, labels, annotations, nsLabels.get(namespace) ?? {}),
    isGateway,
    behaviour: behaviourFrom(annotations),
  };
}

function compileService(obj: KubeObject): Service {
  const spec = asRecord(obj.spec);
  const namespace = obj.metadata.namespace ?? 'default';
  return {
    name: obj.metadata.name,
    namespace,
    fqdn: `${obj.metadata.name}.${namespace}.${MESH_DOMAIN}`,
    selector: asStringMap(spec.selector),
    ports: asArray(spec.ports).map((p) => {
      const r = asRecord(p);
      const name = asString(r.name);
      const appProtocol = asString(r.appProtocol);
      const proto = (appProtocol || name.split('-')[0] || '').toLowerCase();
      return { name, port: num(r.port, 80), protocol: proto === 'tcp' || proto === 'mongo' || proto === 'mysql' ? 'tcp' : proto === 'grpc' ? 'grpc' : 'http' };
    }),
  };
}

/** Later objects replace earlier ones with the same kind, namespace and name (kubectl apply semantics). */
function latestObjects(objects: readonly KubeObject[]): KubeObject[] {
  const byKey = new Map<string, KubeObject>();
  for (const o of objects) {
    const key = `${o.kind}/${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
    byKey.delete(key);
    byKey.set(key, o);
  }
  return [...byKey.values()];
}

export function compileMesh(allObjects: readonly KubeObject[]): MeshModel {
  const objects = latestObjects(allObjects);
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const o of objects) if (o.kind === 'Namespace') namespaceLabels.set(o.metadata.name, asStringMap(o.metadata.labels));
  const istio = (kind: string): IstioObject[] =>
    objects
      .filter((o) => o.kind === kind && o.apiVersion.includes('istio.io'))
      .map((o) => ({ kind, name: o.metadata.name, namespace: o.metadata.namespace ?? 'default', spec: asRecord(o.spec) }));
  return {
    workloads: objects
      .filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')
      .flatMap((o) => compileWorkload(o, namespaceLabels) ?? []),
    services: objects.filter((o) => o.kind === 'Service').map(compileService),
    namespaceLabels,
    virtualServices: istio('VirtualService'),
    destinationRules: istio('DestinationRule'),
    gateways: istio('Gateway'),
    peerAuthentications: istio('PeerAuthentication'),
    authorizationPolicies: istio('AuthorizationPolicy'),
  };
}

export function labelsMatch(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Resolves a host as a client in `fromNamespace` would: short name, name.ns, or FQDN. */
export function findService(mesh: MeshModel, host: string, fromNamespace: string): Service | undefined {
  const h = host.replace(/:\d+$/, '');
  const parts = h.split('.');
  if (parts.length === 1) return mesh.services.find((s) => s.name === h && s.namespace === fromNamespace);
  const [name, namespace] = parts;
  if (parts.length === 2 || h.endsWith(`.${MESH_DOMAIN}`) || h.endsWith('.svc')) {
    return mesh.services.find((s) => s.name === name && s.namespace === namespace);
  }
  return undefined;
}

export function workloadsOf(mesh: MeshModel, service: Service): Workload[] {
  if (Object.keys(service.selector).length === 0) return [];
  return mesh.workloads.filter((w) => w.namespace === service.namespace && labelsMatch(service.selector, w.labels));
}

export function principalOf(w: Pick<Workload, 'namespace' | 'serviceAccount'>): string {
  return `spiffe://cluster.local/ns/${w.namespace}/sa/${w.serviceAccount}`;
}
