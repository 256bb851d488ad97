/**
 * A gateway route to a host without a subset while the mesh VirtualService of that host splits it by
 * subset (IST0140): gateway traffic goes to the host directly, so the mesh routing does not apply to it.
 */
import type { VirtualService } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';
import { boundToMesh, destinationsOf } from './vs-shared';

export const vsIngressNoEffect: ObjectCheck<VirtualService> = (e, ctx) => {
  if (boundToMesh(e.obj) || (e.obj.spec.gateways ?? []).length === 0) return [];
  const meshSubsetHosts = ctx.memo('meshSubsetHosts', () => {
    const out = new Set<string>();
    for (const v of ctx.index.virtualServices) {
      if (!boundToMesh(v.obj)) continue;
      if (!destinationsOf(v.obj).some((d) => d.subset)) continue;
      for (const h of v.obj.spec.hosts ?? []) out.add(ctx.index.fqdn(h, v.namespace));
    }
    return out;
  });
  const out: CheckResult[] = [];
  for (const d of destinationsOf(e.obj)) {
    if (d.subset || d.mirror || d.host === '') continue;
    if (meshSubsetHosts.has(ctx.index.fqdn(d.host, e.namespace))) {
      out.push(result('virtualservices.ingress.noeffect', d.path, `"${d.host}" has subset routes for the mesh; this route sends gateway traffic to all of its versions`));
    }
  }
  return out;
};
