/**
 * Two Gateways on the same workloads, port and host (IST0145/KIA0301): Envoy gets two listeners' worth
 * of config for one port and keeps only one. Hosts are compared as written (after the `ns/` prefix);
 * workloads overlap when some workload matches both selectors (equal selectors when no workloads are known).
 */
import { labelsMatch, parseGatewayServerHost } from '../hosts';
import type { Entry } from '../mesh-index';
import type { Gateway } from '../types';
import { result, type CheckContext, type ObjectCheck } from './context';

interface Binding {
  e: Entry<Gateway>;
  server: number;
}

function sameWorkloads(a: Record<string, string>, b: Record<string, string>, ctx: CheckContext): boolean {
  if (!ctx.options.workloadsComplete) return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  return ctx.index.workloads.some((w) => labelsMatch(a, w.labels) && labelsMatch(b, w.labels));
}

export const gatewayMultiMatch: ObjectCheck<Gateway> = (e, ctx) => {
  const byPortHost = ctx.memo('gatewayPortHost', () => {
    const m = new Map<string, Binding[]>();
    for (const g of ctx.index.gateways) {
      (g.obj.spec.servers ?? []).forEach((s, i) => {
        for (const raw of s.hosts) {
          const k = `${s.port.number}|${parseGatewayServerHost(raw, g.namespace).host}`;
          let list = m.get(k);
          if (!list) m.set(k, (list = []));
          list.push({ e: g, server: i });
        }
      });
    }
    return m;
  });
  const mine = e.obj.spec.selector ?? {};
  for (const [i, s] of (e.obj.spec.servers ?? []).entries()) {
    for (const raw of s.hosts) {
      const host = parseGatewayServerHost(raw, e.namespace).host;
      const others = (byPortHost.get(`${s.port.number}|${host}`) ?? []).filter((b) => b.e !== e && sameWorkloads(mine, b.e.obj.spec.selector ?? {}, ctx));
      if (others.length > 0) {
        const names = [...new Set(others.map((o) => `${o.e.namespace}/${o.e.name}`))].join(', ');
        return [result('gateways.multimatch', `spec/servers[${i}]`, `port ${s.port.number} host "${host}" is also served by Gateway ${names}`)];
      }
    }
  }
  return [];
};
