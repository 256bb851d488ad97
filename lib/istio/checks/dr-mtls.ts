/**
 * A DestinationRule that disables TLS towards servers that require mTLS (STRICT): every request fails.
 * KIA0207 when a namespace or workload PeerAuthentication is STRICT, KIA0208 when the mesh-wide one is.
 * Mesh-wide (`*.local`), namespace-wide (`*.<ns>.svc.cluster.local`) and single-host rules are checked.
 */
import type { DestinationRule } from '../types';
import { result, type ObjectCheck } from './context';
import { isMeshWideHost, mtlsPicture, namespaceWideHost, workloadPaMode } from './mtls';

export const drMtls: ObjectCheck<DestinationRule> = (e, ctx) => {
  if (e.obj.spec.trafficPolicy?.tls?.mode !== 'DISABLE') return [];
  const pic = mtlsPicture(ctx);
  const path = 'spec/trafficPolicy/tls/mode';
  const raw = e.obj.spec.host.toLowerCase();
  if (isMeshWideHost(raw)) {
    return pic.meshPa === 'STRICT' ? [result('destinationrules.mtls.meshpolicymtlsenabled', path, 'the mesh-wide PeerAuthentication is STRICT')] : [];
  }
  const nsWide = namespaceWideHost(raw);
  if (nsWide) {
    const ns = pic.nsPa.get(nsWide);
    if (ns === 'STRICT') return [result('destinationrules.mtls.policymtlsenabled', path, `namespace "${nsWide}" requires mTLS (STRICT)`)];
    if (ns === undefined && pic.meshPa === 'STRICT') return [result('destinationrules.mtls.meshpolicymtlsenabled', path, 'the mesh-wide PeerAuthentication is STRICT')];
    return [];
  }
  if (raw.startsWith('*') || e.obj.spec.workloadSelector) return [];
  const host = ctx.index.fqdn(raw, e.namespace);
  for (const svc of ctx.index.servicesWithHost(host)) {
    if (svc.kind !== 'Service') continue;
    const backends = ctx.index.backendLabelSets(svc);
    const wl = backends.map((labels) => workloadPaMode(ctx, svc.namespace, labels)).find((m) => m !== undefined);
    if (wl === 'STRICT' || (wl === undefined && pic.nsPa.get(svc.namespace) === 'STRICT')) {
      return [result('destinationrules.mtls.policymtlsenabled', path, `the workloads of "${e.obj.spec.host}" require mTLS (STRICT PeerAuthentication in "${svc.namespace}")`)];
    }
    if (wl === undefined && !pic.nsPa.has(svc.namespace) && pic.meshPa === 'STRICT') {
      return [result('destinationrules.mtls.meshpolicymtlsenabled', path, 'the mesh-wide PeerAuthentication is STRICT')];
    }
  }
  return [];
};
