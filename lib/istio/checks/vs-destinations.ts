/** VirtualService destinations: the host exists (KIA1101/IST0101) and the port is one of its ports (IST0101/IST0112). */
import type { VirtualService } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';
import { destinationsOf, lookupNamespaces } from './vs-shared';

export const vsDestinationHosts: ObjectCheck<VirtualService> = (e, ctx) => {
  if (!ctx.options.registryComplete) return [];
  const { index } = ctx;
  const out: CheckResult[] = [];
  const scopes = lookupNamespaces(e);
  const gatewayBound = (e.obj.spec.gateways ?? []).some((g) => g !== 'mesh');
  for (const d of destinationsOf(e.obj)) {
    if (d.host === '') {
      out.push(result('virtualservices.nohost.hostnotfound', d.path, 'this route destination names no host'));
      continue;
    }
    if (d.host.startsWith('*')) continue;
    const fqdn = index.fqdn(d.host, e.namespace);
    const found = scopes.flatMap((ns) => index.lookupHost(fqdn, ns));
    if (found.length === 0) {
      const where = scopes.length === 1 ? `namespace "${scopes[0]}"` : `namespaces ${scopes.map((s) => `"${s}"`).join(', ')}`;
      const hidden = index.services.some((s) => s.host === fqdn);
      out.push(result('virtualservices.nohost.hostnotfound', `${d.path}/host`, hidden ? `"${d.host}" exists but is not exported to ${where}` : `"${d.host}" (${fqdn}) from ${where}`));
      continue;
    }
    const portsKnown = found.filter((s) => s.ports.length > 0);
    if (d.port !== undefined) {
      if (portsKnown.length > 0 && !portsKnown.some((s) => s.ports.some((p) => p.number === d.port))) {
        const ports = [...new Set(portsKnown.flatMap((s) => s.ports.map((p) => p.number)))].join(', ');
        out.push(result('virtualservices.nohost.portnotfound', `${d.path}/port/number`, `port ${d.port} of "${d.host}" (its ports: ${ports})`));
      }
    } else if (found.length === 1 && found[0]!.kind === 'Service' && found[0]!.ports.length > 1 && !d.mirror) {
      const ports = found[0]!.ports.map((p) => p.number);
      out.push(
        gatewayBound
          ? result('virtualservices.destination.portrequired', d.path, `"${d.host}" exposes ports ${ports.join(', ')}; a gateway route must name one`, 'error')
          : result('virtualservices.destination.portrequired', d.path, `"${d.host}" exposes ports ${ports.join(', ')}; sidecars use the port of the request`, 'info'),
      );
    }
  }
  return out;
};
