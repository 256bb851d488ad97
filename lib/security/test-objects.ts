/** Small builders of config objects for the security unit tests (Bookinfo-shaped). */
import type { K8sObject } from '../istio/types';
import type { ConfigObject } from '../istio/yaml-loader';

export const co = (object: K8sObject): ConfigObject => ({ object });

export function namespace(name: string, labels: Record<string, string> = {}): ConfigObject {
  return co({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}

export function service(ns: string, name: string, selector: Record<string, string>, ports: Array<[number, number]>): ConfigObject {
  return co({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns },
    spec: { selector, ports: ports.map(([port, targetPort]) => ({ name: `http-${port}`, port, targetPort })) },
  });
}

export function deployment(ns: string, name: string, labels: Record<string, string>, opts: { sa?: string; inject?: boolean } = {}): ConfigObject {
  const annotations = opts.inject === false ? { 'sidecar.istio.io/inject': 'false' } : {};
  return co({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels },
    spec: { template: { metadata: { labels, annotations }, spec: { serviceAccountName: opts.sa ?? name, containers: [{ name }] } } },
  });
}

export function peerAuth(ns: string, name: string, spec: Record<string, unknown>, creationTimestamp?: string): ConfigObject {
  return co({
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name, namespace: ns, ...(creationTimestamp ? { creationTimestamp } : {}) },
    spec,
  });
}

export function destinationRule(ns: string, name: string, spec: Record<string, unknown>): ConfigObject {
  return co({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name, namespace: ns }, spec });
}

export function authorizationPolicy(ns: string, name: string, spec: Record<string, unknown>): ConfigObject {
  return co({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name, namespace: ns }, spec });
}

/** default (injection on) with details, ratings (9080 + metrics 9090), reviews-v2; `test` with a plain client. */
export function bookinfoBase(): ConfigObject[] {
  return [
    namespace('default', { 'istio-injection': 'enabled' }),
    namespace('istio-system'),
    namespace('test'),
    service('default', 'details', { app: 'details' }, [[9080, 9080]]),
    deployment('default', 'details-v1', { app: 'details', version: 'v1' }, { sa: 'bookinfo-details' }),
    service('default', 'ratings', { app: 'ratings' }, [[9080, 9080], [9090, 9090]]),
    deployment('default', 'ratings-v1', { app: 'ratings', version: 'v1' }, { sa: 'bookinfo-ratings' }),
    service('default', 'reviews', { app: 'reviews' }, [[9080, 9080]]),
    deployment('default', 'reviews-v2', { app: 'reviews', version: 'v2' }, { sa: 'bookinfo-reviews' }),
    deployment('test', 'netpod', { app: 'netpod' }, { inject: false }),
  ];
}
