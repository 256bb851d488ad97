/** VirtualService routes: weights (KIA1104, weights not adding to 100) and the same host+subset twice (KIA1105). */
import type { VirtualService } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';

export const vsRoutes: ObjectCheck<VirtualService> = (e, ctx) => {
  const out: CheckResult[] = [];
  for (const protocol of ['http', 'tls', 'tcp'] as const) {
    (e.obj.spec[protocol] ?? []).forEach((rule, i) => {
      const route = rule.route ?? [];
      const base = `spec/${protocol}[${i}]/route`;
      if (route.length === 1) {
        const w = route[0]!.weight;
        if (w !== undefined && w !== 100 && w !== 0) out.push(result('virtualservices.route.singleweight', `${base}[0]/weight`, `weight ${w}`));
      } else if (route.length > 1 && route.some((r) => r.weight !== undefined)) {
        const sum = route.reduce((acc, r) => acc + (r.weight ?? 0), 0);
        if (sum !== 100) out.push(result('virtualservices.route.weightsum', base, `they add up to ${sum}`));
      }
      const seen = new Set<string>();
      route.forEach((r, j) => {
        const d = r.destination;
        if (!d) return;
        const key = `${ctx.index.fqdn(d.host, e.namespace)}|${d.subset ?? ''}|${d.port?.number ?? ''}`;
        if (seen.has(key)) {
          out.push(result('virtualservices.route.repeatedsubset', `${base}[${j}]/destination`, `"${d.host}"${d.subset ? ` subset "${d.subset}"` : ''}`));
        }
        seen.add(key);
      });
    });
  }
  return out;
};
