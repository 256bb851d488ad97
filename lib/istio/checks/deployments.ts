/**
 * A Deployment in the mesh selected by several Services of its namespace: the same port with different
 * protocols (IST0116), or different ports onto the same target port (IST0137). The sidecar can serve
 * only one protocol per port.
 */
import { labelsMatch } from '../hosts';
import { PodTemplateOwnerSpecSchema, type K8sObject } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';

const PROTOCOL_PREFIX = /^(grpc-web|grpc|http2|https|http|mongo|mysql|redis|tcp|tls|udp)(-|$)/i;

export const deploymentServices: ObjectCheck<K8sObject> = (e, ctx) => {
  const spec = PodTemplateOwnerSpecSchema.safeParse(e.obj.spec ?? {});
  if (!spec.success) return [];
  const meta = spec.data.template?.metadata;
  const labels = (meta?.labels ?? {}) as Record<string, string>;
  const off = (meta?.annotations as Record<string, string> | undefined)?.['sidecar.istio.io/inject'] === 'false' || labels['sidecar.istio.io/inject'] === 'false';
  if (off || Object.keys(labels).length === 0) return [];
  const services = ctx.index.servicesIn(e.namespace).filter((s) => s.kind === 'Service' && s.selector && Object.keys(s.selector).length > 0 && labelsMatch(s.selector, labels));
  if (services.length < 2) return [];
  const out: CheckResult[] = [];
  const byPort = new Map<number, Map<string, string[]>>();
  const byTarget = new Map<string, Map<number, string[]>>();
  for (const s of services) {
    for (const p of s.ports) {
      const proto = (PROTOCOL_PREFIX.exec(p.name ?? '')?.[1] ?? p.protocol ?? 'TCP').toUpperCase();
      const protos = byPort.get(p.number) ?? new Map<string, string[]>();
      protos.set(proto, [...(protos.get(proto) ?? []), s.name]);
      byPort.set(p.number, protos);
      const target = p.targetPortName ?? String(p.targetPort ?? p.number);
      const ports = byTarget.get(target) ?? new Map<number, string[]>();
      ports.set(p.number, [...(ports.get(p.number) ?? []), s.name]);
      byTarget.set(target, ports);
    }
  }
  for (const [port, protos] of byPort) {
    if (protos.size > 1) {
      out.push(result('deployment.multiservice.protocol', 'spec/template/metadata/labels', `port ${port}: ${[...protos].map(([p, names]) => `${p} (${names.join(', ')})`).join(' vs ')}`));
      break;
    }
  }
  for (const [target, ports] of byTarget) {
    if (ports.size > 1) {
      out.push(result('deployment.multiservice.targetport', 'spec/template/metadata/labels', `target port ${target}: ${[...ports].map(([p, names]) => `${p} (${names.join(', ')})`).join(' vs ')}`));
      break;
    }
  }
  return out;
};
