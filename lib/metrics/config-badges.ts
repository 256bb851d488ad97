/**
 * Which VirtualServices and DestinationRules apply to a service host, from the configuration objects
 * (the same host resolution as the graph's badges). Pure.
 */
import { resolveHost, type ConfigObject } from '../graph/badges';

export interface RoutingObjects {
  virtualServices: string[];
  destinationRules: string[];
}

export type RoutingIndex = Map<string, RoutingObjects>;

export function serviceHost(namespace: string, name: string, domain = 'cluster.local'): string {
  return `${name}.${namespace}.svc.${domain}`;
}

/** FQDN → the VS / DR (ns/name) naming it. Wildcard hosts are not expanded. */
export function routingIndex(objects: readonly ConfigObject[], domain = 'cluster.local'): RoutingIndex {
  const index: RoutingIndex = new Map();
  const at = (host: string) => {
    let r = index.get(host);
    if (!r) index.set(host, (r = { virtualServices: [], destinationRules: [] }));
    return r;
  };
  for (const o of objects) {
    const ns = o.metadata.namespace ?? 'default';
    const spec = (typeof o.spec === 'object' && o.spec !== null ? o.spec : {}) as { hosts?: unknown; host?: unknown };
    const id = `${ns}/${o.metadata.name}`;
    if (o.kind === 'VirtualService' && Array.isArray(spec.hosts)) {
      for (const h of spec.hosts) if (typeof h === 'string') at(resolveHost(h, ns, domain)).virtualServices.push(id);
    } else if (o.kind === 'DestinationRule' && typeof spec.host === 'string') {
      at(resolveHost(spec.host, ns, domain)).destinationRules.push(id);
    }
  }
  for (const r of index.values()) {
    r.virtualServices = [...new Set(r.virtualServices)].sort();
    r.destinationRules = [...new Set(r.destinationRules)].sort();
  }
  return index;
}

export function routingFor(index: RoutingIndex, namespace: string, service: string): RoutingObjects {
  if (service === '') return { virtualServices: [], destinationRules: [] };
  return index.get(serviceHost(namespace, service)) ?? { virtualServices: [], destinationRules: [] };
}
