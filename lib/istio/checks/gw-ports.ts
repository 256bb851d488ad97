/**
 * Gateway server ports must be ports of the Service in front of the gateway workloads (IST0162): the
 * Service port or its target port (Istio translates one into the other). Only judged when the selected
 * workloads have a Service in the input.
 */
import { labelsMatch } from '../hosts';
import type { Gateway } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';

export const gatewayPorts: ObjectCheck<Gateway> = (e, ctx) => {
  const sel = e.obj.spec.selector;
  if (!ctx.options.workloadsComplete || !sel || Object.keys(sel).length === 0) return [];
  const { index } = ctx;
  const workloads = index.selectWorkloads(sel, null);
  if (workloads.length === 0) return [];
  const ports = new Set<number>();
  let services = 0;
  const byNs = new Map<string, typeof workloads>();
  for (const w of workloads) byNs.set(w.namespace, [...(byNs.get(w.namespace) ?? []), w]);
  for (const [ns, inNs] of byNs) for (const s of index.servicesIn(ns)) {
    if (s.kind !== 'Service' || !s.selector || Object.keys(s.selector).length === 0) continue;
    if (!inNs.some((w) => labelsMatch(s.selector, w.labels))) continue;
    services++;
    for (const p of s.ports) {
      ports.add(p.number);
      if (p.targetPort !== undefined) ports.add(p.targetPort);
    }
  }
  if (services === 0) return [];
  const out: CheckResult[] = [];
  (e.obj.spec.servers ?? []).forEach((srv, i) => {
    if (!ports.has(srv.port.number)) {
      out.push(result('gateways.port.notonservice', `spec/servers[${i}]/port/number`, `port ${srv.port.number} (the gateway Service exposes ${[...ports].sort((a, b) => a - b).join(', ')})`));
    }
  });
  return out;
};
