/**
 * ServiceEntry: TCP (or protocol-less) ports without addresses (IST0134; Istio cannot tell the hosts
 * apart on one port unless DNS auto-allocation gives them addresses), and the same host and port
 * declared with different protocols by ServiceEntries that share a namespace scope (IST0177/KIA1212).
 */
import { exportScope, scopesOverlap } from '../hosts';
import type { Entry } from '../mesh-index';
import type { ServiceEntry } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';

export const seAddresses: ObjectCheck<ServiceEntry> = (e, ctx) => {
  const spec = e.obj.spec;
  if (ctx.options.dnsAutoAllocate || (spec.addresses ?? []).length > 0) return [];
  const status = (e.obj as { status?: { addresses?: unknown[] } }).status;
  if (Array.isArray(status?.addresses) && status.addresses.length > 0) return [];
  const i = (spec.ports ?? []).findIndex((p) => !p.protocol || p.protocol.toUpperCase() === 'TCP');
  if (i < 0) return [];
  return [result('serviceentries.addressesrequired', `spec/ports[${i}]`, `port ${spec.ports![i]!.number} is ${spec.ports![i]!.protocol ? 'TCP' : 'without protocol'}`)];
};

export const seProtocolConflict: ObjectCheck<ServiceEntry> = (e, ctx) => {
  const byHostPort = ctx.memo('seHostPort', () => {
    const m = new Map<string, Array<{ e: Entry<ServiceEntry>; protocol: string }>>();
    for (const se of ctx.index.serviceEntries) {
      for (const h of se.obj.spec.hosts) {
        for (const p of se.obj.spec.ports ?? []) {
          const k = `${h.toLowerCase()}|${p.number}`;
          let list = m.get(k);
          if (!list) m.set(k, (list = []));
          list.push({ e: se, protocol: (p.protocol ?? '').toUpperCase() });
        }
      }
    }
    return m;
  });
  const out: CheckResult[] = [];
  const scope = exportScope(e.obj.spec.exportTo, e.namespace);
  for (const h of e.obj.spec.hosts) {
    for (const [i, p] of (e.obj.spec.ports ?? []).entries()) {
      const proto = (p.protocol ?? '').toUpperCase();
      const clash = (byHostPort.get(`${h.toLowerCase()}|${p.number}`) ?? []).find(
        (o) => o.e !== e && o.protocol !== proto && scopesOverlap(scope, exportScope(o.e.obj.spec.exportTo, o.e.namespace)),
      );
      if (clash) {
        out.push(result('serviceentries.port.protocol.conflict', `spec/ports[${i}]`, `"${h}" port ${p.number} is ${proto || 'unset'} here and ${clash.protocol || 'unset'} in ServiceEntry ${clash.e.namespace}/${clash.e.name}`));
        return out;
      }
    }
  }
  return out;
};
