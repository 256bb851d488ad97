/**
 * More than one VirtualService for a host: on the mesh gateway (IST0109, exportTo-aware) or on the
 * same gateway (KIA1106). One VirtualService listing a host as both short name and FQDN is not a duplicate.
 */
import { exportScope, hostsOverlap, parseGatewayRef, scopesOverlap } from '../hosts';
import type { Entry } from '../mesh-index';
import type { VirtualService } from '../types';
import { result, type CheckContext, type CheckResult, type ObjectCheck } from './context';
import { boundToMesh } from './vs-shared';

interface Item {
  e: Entry<VirtualService>;
  host: string;
  raw: string;
  k: number;
  scope: Set<string> | null;
}

interface HostGroups {
  /** gateway key → fqdn host → items */
  groups: Map<string, Map<string, Item[]>>;
  /** gateway key → wildcard items */
  wildcards: Map<string, Item[]>;
}

function gatewayKeys(e: Entry<VirtualService>): Set<string> {
  const keys = new Set<string>();
  if (boundToMesh(e.obj)) keys.add('mesh');
  for (const g of e.obj.spec.gateways ?? []) {
    const ref = parseGatewayRef(g, e.namespace);
    if (ref) keys.add(`${ref.namespace}/${ref.name}`);
  }
  return keys;
}

function hostGroups(ctx: CheckContext): HostGroups {
  return ctx.memo('vsHostGroups', () => {
    const groups = new Map<string, Map<string, Item[]>>();
    const wildcards = new Map<string, Item[]>();
    for (const e of ctx.index.virtualServices) {
      const hosts = e.obj.spec.hosts ?? [];
      if (hosts.length === 0) continue; // a delegate
      const keys = gatewayKeys(e);
      const scope = exportScope(e.obj.spec.exportTo, e.namespace);
      hosts.forEach((raw, k) => {
        const host = ctx.index.fqdn(raw, e.namespace);
        for (const gk of keys) {
          const item: Item = { e, host, raw, k, scope: gk === 'mesh' ? scope : null };
          if (host.startsWith('*')) {
            let w = wildcards.get(gk);
            if (!w) wildcards.set(gk, (w = []));
            w.push(item);
          }
          let byHost = groups.get(gk);
          if (!byHost) groups.set(gk, (byHost = new Map()));
          let list = byHost.get(host);
          if (!list) byHost.set(host, (list = []));
          list.push(item);
        }
      });
    }
    return { groups, wildcards };
  });
}

export const vsDuplicateHosts: ObjectCheck<VirtualService> = (e, ctx) => {
  const { groups, wildcards } = hostGroups(ctx);
  const out: CheckResult[] = [];
  const hosts = e.obj.spec.hosts ?? [];
  if (hosts.length === 0) return out;
  const scope = exportScope(e.obj.spec.exportTo, e.namespace);
  for (const gk of gatewayKeys(e)) {
    const byHost = groups.get(gk);
    if (!byHost) continue;
    const wild = wildcards.get(gk) ?? [];
    for (let k = 0; k < hosts.length; k++) {
      const raw = hosts[k]!;
      const host = ctx.index.fqdn(raw, e.namespace);
      const candidates = host.startsWith('*')
        ? [...byHost].flatMap(([h, list]) => (hostsOverlap(h, host) ? list : []))
        : [...(byHost.get(host) ?? []), ...wild.filter((w) => w.host !== host && hostsOverlap(w.host, host))];
      const mine = gk === 'mesh' ? scope : null;
      const others = candidates.filter((b) => b.e !== e && scopesOverlap(mine, b.scope));
      if (others.length === 0) continue;
      const names = [...new Set(others.map((o) => `${o.e.namespace}/${o.e.name}`))].join(', ');
      if (gk === 'mesh') out.push(result('virtualservices.meshgateway.conflict', `spec/hosts[${k}]`, `"${raw}" is also routed by VirtualService ${names}`));
      else out.push(result('virtualservices.singlehost', `spec/hosts[${k}]`, `"${raw}" on gateway ${gk} is also defined by VirtualService ${names}`));
      break;
    }
  }
  return out;
};
