/**
 * The Kubernetes and Istio resources Meshscope reads (and only reads): one descriptor per list/watch,
 * the same set the ClusterRole in deploy/kubernetes grants get/list/watch on.
 */
export interface KubeResource {
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  /** Versions to try, preferred first (older Istio only serves v1beta1). */
  versions: readonly string[];
  plural: string;
  namespaced: boolean;
  /** A CRD that may not be installed: 404 means "no objects", not an error. */
  optional?: boolean;
}

const istio = (group: string, kind: string, plural: string): KubeResource => ({
  kind, group, plural, namespaced: true, optional: true, versions: ['v1', 'v1beta1'],
});

export const KUBE_RESOURCES: readonly KubeResource[] = [
  { kind: 'Namespace', group: '', versions: ['v1'], plural: 'namespaces', namespaced: false },
  { kind: 'Service', group: '', versions: ['v1'], plural: 'services', namespaced: true },
  { kind: 'Endpoints', group: '', versions: ['v1'], plural: 'endpoints', namespaced: true },
  { kind: 'Pod', group: '', versions: ['v1'], plural: 'pods', namespaced: true },
  { kind: 'ServiceAccount', group: '', versions: ['v1'], plural: 'serviceaccounts', namespaced: true },
  { kind: 'Deployment', group: 'apps', versions: ['v1'], plural: 'deployments', namespaced: true },
  { kind: 'ReplicaSet', group: 'apps', versions: ['v1'], plural: 'replicasets', namespaced: true },
  istio('networking.istio.io', 'VirtualService', 'virtualservices'),
  istio('networking.istio.io', 'DestinationRule', 'destinationrules'),
  istio('networking.istio.io', 'Gateway', 'gateways'),
  istio('networking.istio.io', 'ServiceEntry', 'serviceentries'),
  istio('networking.istio.io', 'Sidecar', 'sidecars'),
  istio('security.istio.io', 'PeerAuthentication', 'peerauthentications'),
  istio('security.istio.io', 'AuthorizationPolicy', 'authorizationpolicies'),
  istio('security.istio.io', 'RequestAuthentication', 'requestauthentications'),
];

export function apiVersionOf(r: KubeResource, version: string): string {
  return r.group ? `${r.group}/${version}` : version;
}

/** The collection path, cluster-wide: /api/v1/pods, /apis/networking.istio.io/v1/virtualservices. */
export function collectionPath(r: KubeResource, version: string): string {
  return r.group ? `/apis/${r.group}/${version}/${r.plural}` : `/api/${version}/${r.plural}`;
}

/** "pods", "virtualservices.networking.istio.io": how kubectl and RBAC messages name a resource. */
export function resourceName(r: KubeResource): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}
