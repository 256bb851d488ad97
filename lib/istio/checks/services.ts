/**
 * Kubernetes Service ports as Istio reads them: a name that is not `<protocol>[-suffix]` (and no
 * appProtocol) leaves the protocol to detection (IST0118, a note; system namespaces skipped); an
 * ExternalName Service needs a named non-TCP protocol (IST0150).
 */
import { K8sServiceSpecSchema, type K8sService } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';

const PROTOCOLS = new Set(['grpc', 'grpc-web', 'http', 'http2', 'https', 'mongo', 'mysql', 'redis', 'tcp', 'tls', 'udp']);
const SYSTEM_NAMESPACES = new Set(['istio-system', 'kube-system', 'kube-public', 'kube-node-lease']);

const protocolOf = (name: string | undefined) => (name ? (PROTOCOLS.has(name.toLowerCase()) ? name.toLowerCase() : PROTOCOLS.has(name.split('-')[0]!.toLowerCase()) ? name.split('-')[0]!.toLowerCase() : undefined) : undefined);

export const servicePorts: ObjectCheck<K8sService> = (e, ctx) => {
  const spec = K8sServiceSpecSchema.safeParse(e.obj.spec ?? {});
  if (!spec.success) return [];
  const out: CheckResult[] = [];
  const ports = spec.data.ports ?? [];
  if (spec.data.type === 'ExternalName') {
    ports.forEach((p, i) => {
      const proto = protocolOf(p.name);
      if (proto === undefined || proto === 'tcp') out.push(result('service.externalname.portname', `spec/ports[${i}]`, `port ${p.port}${p.name ? ` named "${p.name}"` : ' has no name'}`));
    });
    return out;
  }
  if (SYSTEM_NAMESPACES.has(e.namespace) || e.namespace === ctx.options.rootNamespace) return out;
  ports.forEach((p, i) => {
    if (p.appProtocol || protocolOf(p.name) !== undefined) return;
    out.push(result('service.portname.convention', `spec/ports[${i}]`, `port ${p.port}${p.name ? ` named "${p.name}"` : ' has no name'}`));
  });
  return out;
};
