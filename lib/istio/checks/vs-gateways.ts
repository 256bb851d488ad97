/**
 * VirtualService gateways: each referenced gateway exists (KIA1102/IST0101), the legacy dotted spelling
 * is noted (KIA1108), and some VirtualService host is among the gateway's server hosts (IST0132).
 */
import { hostsOverlap, parseGatewayRef, parseGatewayServerHost } from '../hosts';
import type { Gateway, VirtualService } from '../types';
import type { Entry } from '../mesh-index';
import { result, type CheckResult, type ObjectCheck } from './context';
import { gatewayRefs } from './vs-shared';

export const vsGateways: ObjectCheck<VirtualService> = (e, ctx) => {
  const { index } = ctx;
  const gatewayByKey = ctx.memo('gatewayByKey', () => new Map<string, Entry<Gateway>>(index.gateways.map((g) => [`${g.namespace}/${g.name}`, g])));
  const vsHosts = (e.obj.spec.hosts ?? []).map((h) => h.toLowerCase());
  const out: CheckResult[] = [];
  for (const r of gatewayRefs(e.obj)) {
    const ref = parseGatewayRef(r.ref, e.namespace);
    if (!ref) continue;
    const key = `${ref.namespace}/${ref.name}`;
    if (!index.gatewayKeys.has(key)) {
      out.push(result('virtualservices.nogateway', r.path, `"${r.ref}" (${key})`));
      continue;
    }
    if (ref.legacy) out.push(result('virtualservices.gateway.oldnomenclature', r.path, `write "${key}" instead of "${r.ref}"`));
    const gw = gatewayByKey.get(key);
    if (!gw || !r.top || vsHosts.length === 0) continue;
    const serverHosts = (gw.obj.spec.servers ?? []).flatMap((s) => s.hosts.map((h) => parseGatewayServerHost(h, gw.namespace)));
    const candidates = vsHosts.flatMap((h) => [h, index.fqdn(h, e.namespace)]);
    const matched = serverHosts.some(
      (sh) => (sh.namespace === null || sh.namespace === e.namespace) && candidates.some((h) => hostsOverlap(sh.host, h) || hostsOverlap(index.fqdn(sh.host, gw.namespace), h)),
    );
    if (!matched) {
      out.push(
        result(
          'virtualservices.gateway.hostnotfound',
          r.path,
          serverHosts.length === 0 ? `gateway ${key} has no servers` : `hosts ${vsHosts.join(', ')} vs. gateway ${key} (namespace "${e.namespace}")`,
        ),
      );
    }
  }
  return out;
};
