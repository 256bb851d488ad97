/** Helpers shared by the VirtualService checks: destinations, gateway references, DR subsets by host. */
import { exportScope, hostsOverlap } from '../hosts';
import type { Entry, MeshIndex } from '../mesh-index';
import type { DestinationRule, VirtualService } from '../types';
import type { CheckContext, DestinationRef } from './context';

/** Every destination (routes and mirrors) of a VirtualService, with its field path. */
export function destinationsOf(vs: VirtualService): DestinationRef[] {
  const out: DestinationRef[] = [];
  const spec = vs.spec;
  (spec.http ?? []).forEach((rule, i) => {
    (rule.route ?? []).forEach((r, j) => {
      const d = r.destination;
      out.push({ host: d?.host ?? '', subset: d?.subset, port: d?.port?.number, path: `spec/http[${i}]/route[${j}]/destination`, protocol: 'http', mirror: false, rule: i, index: j });
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
export function lookupNamespaces(e: Entry<VirtualService>): string[] {
  const list = e.obj.spec.exportTo;
  if (!list || list.length === 0) return [e.namespace];
  const out = new Set<string>();
  for (const x of list) {
    if (x === '*' || x === '.') out.add(e.namespace);
    else if (x !== '~') out.add(x);
  }
  return out.size > 0 ? [...out] : [e.namespace];
}

export function boundToMesh(vs: VirtualService): boolean {
  const gws = vs.spec.gateways;
  return !gws || gws.length === 0 || gws.includes('mesh');
}

/** Gateway references in spec.gateways and in match blocks. */
export function gatewayRefs(vs: VirtualService): Array<{ ref: string; path: string; top: boolean }> {
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

export interface DrSubsets {
  e: Entry<DestinationRule>;
  host: string;
  subsets: Set<string>;
}

/** fqdn host → the DestinationRules for it (wildcard DR hosts match by suffix). */
export function drsByHost(ctx: CheckContext): (host: string) => DrSubsets[] {
  return ctx.memo('drsByHost', () => {
    const { index } = ctx;
    const byHost = new Map<string, DrSubsets[]>();
    const wildcard: DrSubsets[] = [];
    for (const e of index.destinationRules) {
      const host = index.fqdn(e.obj.spec.host, e.namespace);
      const item = { e, host, subsets: new Set((e.obj.spec.subsets ?? []).map((s) => s.name)) };
      if (host.startsWith('*')) wildcard.push(item);
      else {
        let list = byHost.get(host);
        if (!list) byHost.set(host, (list = []));
        list.push(item);
      }
    }
    return (host: string) => {
      const exact = byHost.get(host) ?? [];
      if (wildcard.length === 0) return exact;
      return [...exact, ...wildcard.filter((w) => hostsOverlap(w.host, host))];
    };
  });
}

/** Is an object with `spec.exportTo` visible from namespace `fromNs`? */
export function exportVisible(e: Entry, fromNs: string): boolean {
  const spec = e.obj.spec as { exportTo?: string[] } | undefined;
  const scope = exportScope(spec?.exportTo, e.namespace);
  return scope === null || scope.has(fromNs);
}

/** Every (fqdn host, subset) some VirtualService route or mirror uses. */
export function usedSubsets(ctx: CheckContext): Set<string> {
  return ctx.memo('usedSubsets', () => {
    const out = new Set<string>();
    for (const e of ctx.index.virtualServices) {
      for (const d of destinationsOf(e.obj)) if (d.subset) out.add(`${ctx.index.fqdn(d.host, e.namespace)}|${d.subset}`);
    }
    return out;
  });
}

export function fqdnOf(index: MeshIndex, host: string, namespace: string): string {
  return index.fqdn(host, namespace);
}
