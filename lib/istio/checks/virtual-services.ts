/** VirtualService checks: destinations, subsets, gateways, weights, duplicate hosts. */
import { exportScope, hostsOverlap, parseGatewayRef, parseGatewayServerHost, scopesOverlap } from '../hosts';
import type { Entry, MeshIndex } from '../mesh-index';
import type { VirtualService } from '../types';
import type { Check, CheckContext, DestinationRef } from './context';

/** Every destination (routes and mirrors) of a VirtualService, with its field path. */
export function destinationsOf(vs: VirtualService): DestinationRef[] {
  const out: DestinationRef[] = [];
  const spec = vs.spec;
  (spec.http ?? []).forEach((rule, i) => {
    (rule.route ?? []).forEach((r, j) => {
      out.push({ host: r.destination.host, subset: r.destination.subset, port: r.destination.port?.number, path: `spec/http[${i}]/route[${j}]/destination`, protocol: 'http', mirror: false, rule: i, index: j });
    });
    if (rule.mirror) {
      out.push({ host: rule.mirror.host, subset: rule.mirror.subset, port: rule.mirror.port?.number, path: `spec/http[${i}]/mirror`, protocol: 'http', mirror: true, rule: i, index: -1 });
    }
    (rule.mirrors ?? []).forEach((m, k) => {
      out.push({ host: m.destination.host, subset: m.destination.subset, port: m.destination.port?.number, path: `spec/http[${i}]/mirrors[${k}]/destination`, protocol: 'http', mirror: true, rule: i, index: -1 });
    });
  });
  for (const protocol of ['tls', 'tcp'] as const) {
    (spec[protocol] ?? []).forEach((rule, i) => {
      (rule.route ?? []).forEach((r, j) => {
        out.push({ host: r.destination.host, subset: r.destination.subset, port: r.destination.port?.number, path: `spec/${protocol}[${i}]/route[${j}]/destination`, protocol, mirror: false, rule: i, index: j });
      });
    });
  }
  return out;
}

/** The namespaces from which a VirtualService's destinations are looked up (its export scopes). */
function lookupNamespaces(e: Entry<VirtualService>): string[] {
  const list = e.obj.spec.exportTo;
  if (!list || list.length === 0) return [e.namespace];
  const out = new Set<string>();
  for (const x of list) {
    if (x === '*' || x === '.') out.add(e.namespace);
    else if (x !== '~') out.add(x);
  }
  return out.size > 0 ? [...out] : [e.namespace];
}

function boundToMesh(vs: VirtualService): boolean {
  const gws = vs.spec.gateways;
  return !gws || gws.length === 0 || gws.includes('mesh');
}

const destinationHosts: Check = (ctx) => {
  if (!ctx.options.registryComplete) return;
  const { index } = ctx;
  for (const e of index.virtualServices) {
    const scopes = lookupNamespaces(e);
    const gatewayBound = (e.obj.spec.gateways ?? []).some((g) => g !== 'mesh');
    for (const d of destinationsOf(e.obj)) {
      const fqdn = index.fqdn(d.host, e.namespace);
      const found = scopes.flatMap((ns) => index.lookupHost(fqdn, ns));
      if (found.length === 0) {
        const where = scopes.length === 1 ? `namespace "${scopes[0]}"` : `namespaces ${scopes.map((s) => `"${s}"`).join(', ')}`;
        const hidden = index.services.some((s) => s.host === fqdn);
        ctx.report(
          e,
          'virtualservices.nohost.hostnotfound',
          `${d.path}/host`,
          hidden
            ? `Destination host "${d.host}" exists but is not exported to ${where}`
            : `Destination host "${d.host}" (${fqdn}) matches no Service or ServiceEntry visible from ${where}`,
        );
        continue;
      }
      const portsKnown = found.filter((s) => s.ports.length > 0);
      if (d.port !== undefined) {
        if (portsKnown.length > 0 && !portsKnown.some((s) => s.ports.some((p) => p.number === d.port))) {
          const ports = [...new Set(portsKnown.flatMap((s) => s.ports.map((p) => p.number)))].join(', ');
          ctx.report(e, 'virtualservices.nohost.portnotfound', `${d.path}/port/number`, `Port ${d.port} is not a port of "${d.host}" (ports: ${ports})`);
        }
      } else if (found.length === 1 && found[0]!.ports.length > 1 && !d.mirror) {
        const ports = found[0]!.ports.map((p) => p.number);
        ctx.report(
          e,
          'virtualservices.destination.portrequired',
          d.path,
          `"${d.host}" exposes ports ${ports.join(', ')}; name the port of this destination${gatewayBound ? ' (required for gateway routes)' : ''}`,
          gatewayBound ? 'error' : 'warning',
        );
      }
    }
  }
};

/** (fqdn host, subset) → the DestinationRules defining it. */
function subsetIndex(index: MeshIndex) {
  const byHost = new Map<string, Array<{ e: Entry; subsets: Set<string>; host: string }>>();
  const wildcard: Array<{ e: Entry; subsets: Set<string>; host: string }> = [];
  for (const e of index.destinationRules) {
    const host = index.fqdn(e.obj.spec.host, e.namespace);
    const item = { e, subsets: new Set((e.obj.spec.subsets ?? []).map((s) => s.name)), host };
    if (host.startsWith('*')) wildcard.push(item);
    else {
      let list = byHost.get(host);
      if (!list) byHost.set(host, (list = []));
      list.push(item);
    }
  }
  return (host: string) => [...(byHost.get(host) ?? []), ...wildcard.filter((w) => hostsOverlap(w.host, host))];
}

const subsetPresence: Check = (ctx) => {
  const { index } = ctx;
  const drsFor = subsetIndex(index);
  for (const e of index.virtualServices) {
    for (const d of destinationsOf(e.obj)) {
      if (!d.subset) continue;
      const fqdn = index.fqdn(d.host, e.namespace);
      const defining = drsFor(fqdn).filter((x) => x.subsets.has(d.subset!));
      const visible = defining.filter((x) => exportVisible(x.e, e.namespace));
      if (visible.length > 0) continue;
      const message =
        defining.length > 0
          ? `Subset "${d.subset}" of "${d.host}" is defined by DestinationRule ${defining[0]!.e.namespace}/${defining[0]!.e.name}, which is not exported to namespace "${e.namespace}"`
          : `Subset "${d.subset}" of "${d.host}" is not defined by any DestinationRule: requests to it fail with 503 (NR)`;
      ctx.report(e, 'virtualservices.subsetpresent.subsetnotfound', d.path, message);
    }
  }
};

function exportVisible(e: Entry, fromNs: string): boolean {
  const spec = e.obj.spec as { exportTo?: string[] } | undefined;
  const scope = exportScope(spec?.exportTo, e.namespace);
  return scope === null || scope.has(fromNs);
}

/** Gateway references in spec.gateways and in match blocks. */
function gatewayRefs(vs: VirtualService): Array<{ ref: string; path: string; top: boolean }> {
  const out: Array<{ ref: string; path: string; top: boolean }> = [];
  (vs.spec.gateways ?? []).forEach((g, k) => out.push({ ref: g, path: `spec/gateways[${k}]`, top: true }));
  for (const protocol of ['http', 'tls', 'tcp'] as const) {
    (vs.spec[protocol] ?? []).forEach((rule, i) => {
      (rule.match ?? []).forEach((m, j) => {
        (m.gateways ?? []).forEach((g, k) => out.push({ ref: g, path: `spec/${protocol}[${i}]/match[${j}]/gateways[${k}]`, top: false }));
      });
    });
  }
  return out;
}

const gateways: Check = (ctx) => {
  const { index } = ctx;
  const gatewayByKey = new Map(index.gateways.map((g) => [`${g.namespace}/${g.name}`, g]));
  for (const e of index.virtualServices) {
    const vsHosts = (e.obj.spec.hosts ?? []).map((h) => h.toLowerCase());
    for (const r of gatewayRefs(e.obj)) {
      const ref = parseGatewayRef(r.ref, e.namespace);
      if (!ref) continue;
      const key = `${ref.namespace}/${ref.name}`;
      if (!index.gatewayKeys.has(key)) {
        ctx.report(e, 'virtualservices.nogateway', r.path, `Gateway "${r.ref}" (${key}) does not exist`);
        continue;
      }
      if (ref.legacy) ctx.report(e, 'virtualservices.gateway.oldnomenclature', r.path, `Write "${key}" instead of "${r.ref}"`);
      const gw = gatewayByKey.get(key);
      if (!gw || !r.top || vsHosts.length === 0) continue;
      const serverHosts = (gw.obj.spec.servers ?? []).flatMap((s) => s.hosts.map((h) => parseGatewayServerHost(h, gw.namespace)));
      const candidates = vsHosts.flatMap((h) => [h, index.fqdn(h, e.namespace)]);
      const matched = serverHosts.some((sh) => (sh.namespace === null || sh.namespace === e.namespace) && candidates.some((h) => hostsOverlap(sh.host, h) || hostsOverlap(index.fqdn(sh.host, gw.namespace), h)));
      if (!matched) {
        ctx.report(
          e,
          'virtualservices.gateway.hostnotfound',
          r.path,
          serverHosts.length === 0
            ? `Gateway ${key} has no servers, so it serves none of the hosts ${vsHosts.join(', ')}`
            : `None of the hosts ${vsHosts.join(', ')} is among the hosts Gateway ${key} serves to namespace "${e.namespace}"`,
        );
      }
    }
  }
};

const routes: Check = (ctx) => {
  const { index } = ctx;
  for (const e of index.virtualServices) {
    for (const protocol of ['http', 'tls', 'tcp'] as const) {
      (e.obj.spec[protocol] ?? []).forEach((rule, i) => {
        const route = rule.route ?? [];
        const base = `spec/${protocol}[${i}]/route`;
        if (route.length === 1) {
          const w = route[0]!.weight;
          if (w !== undefined && w !== 100 && w !== 0) {
            ctx.report(e, 'virtualservices.route.singleweight', `${base}[0]/weight`, `Only one destination: its weight ${w} is treated as 100`);
          }
        } else if (route.length > 1) {
          const sum = route.reduce((acc, r) => acc + (r.weight ?? 0), 0);
          if (sum !== 100) {
            ctx.report(e, 'virtualservices.route.weightsum', base, `Weights add up to ${sum}, not 100`);
          }
        }
        const seen = new Set<string>();
        route.forEach((r, j) => {
          const key = `${index.fqdn(r.destination.host, e.namespace)}|${r.destination.subset ?? ''}|${r.destination.port?.number ?? ''}`;
          if (seen.has(key)) {
            ctx.report(
              e,
              'virtualservices.route.repeatedsubset',
              `${base}[${j}]/destination`,
              `"${r.destination.host}"${r.destination.subset ? ` subset "${r.destination.subset}"` : ''} already appears in this route`,
            );
          }
          seen.add(key);
        });
      });
    }
  }
};

/** More than one VirtualService for a host: on the mesh gateway (IST0109) or on one gateway (KIA1106). */
const duplicateHosts: Check = (ctx) => {
  const { index } = ctx;
  type Item = { e: Entry<VirtualService>; host: string; raw: string; k: number; scope: Set<string> | null };
  const groups = new Map<string, Map<string, Item[]>>(); // gateway key → host → items
  const wildcards = new Map<string, Item[]>();
  for (const e of index.virtualServices) {
    const hosts = e.obj.spec.hosts ?? [];
    if (hosts.length === 0) continue; // delegate
    const keys = new Set<string>();
    if (boundToMesh(e.obj)) keys.add('mesh');
    for (const g of e.obj.spec.gateways ?? []) {
      const ref = parseGatewayRef(g, e.namespace);
      if (ref) keys.add(`${ref.namespace}/${ref.name}`);
    }
    const scope = exportScope(e.obj.spec.exportTo, e.namespace);
    hosts.forEach((raw, k) => {
      const host = index.fqdn(raw, e.namespace);
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
  for (const [gk, byHost] of groups) {
    const reported = new Set<Entry>();
    const wild = wildcards.get(gk) ?? [];
    for (const [host, items] of byHost) {
      const candidates = host.startsWith('*')
        ? [...items, ...[...byHost].flatMap(([h, list]) => (h !== host && hostsOverlap(h, host) ? list : []))]
        : [...items, ...wild.filter((w) => hostsOverlap(w.host, host))];
      for (const a of items) {
        if (reported.has(a.e)) continue;
        const others = candidates.filter((b) => b.e !== a.e && scopesOverlap(a.scope, b.scope));
        if (others.length === 0) continue;
        reported.add(a.e);
        const names = [...new Set(others.map((o) => `${o.e.namespace}/${o.e.name}`))].join(', ');
        if (gk === 'mesh') {
          ctx.report(a.e, 'virtualservices.meshgateway.conflict', `spec/hosts[${a.k}]`, `Host "${a.raw}" is also routed for the mesh by VirtualService ${names}`);
        } else {
          ctx.report(a.e, 'virtualservices.singlehost', `spec/hosts[${a.k}]`, `Host "${a.raw}" on gateway ${gk} is also defined by VirtualService ${names}`);
        }
      }
    }
  }
};

export const virtualServiceChecks: Check[] = [destinationHosts, subsetPresence, gateways, routes, duplicateHosts];

export type { CheckContext };
