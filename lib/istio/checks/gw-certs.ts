/**
 * The same TLS certificate (credentialName) on two Gateways of the same workloads (IST0138): clients
 * that reuse an HTTP/2 connection for the other host get 404s. Reported on a Gateway whose selector
 * also selects the other Gateway's workloads (its selector is contained in the other's).
 */
import { labelsMatch } from '../hosts';
import type { Entry } from '../mesh-index';
import type { Gateway } from '../types';
import { result, type ObjectCheck } from './context';

function credentials(g: Entry<Gateway>): Array<{ name: string; server: number }> {
  return (g.obj.spec.servers ?? []).flatMap((s, i) => [s.tls?.credentialName, ...(s.tls?.credentialNames ?? [])].filter((c): c is string => !!c).map((name) => ({ name, server: i })));
}

export const gatewayCertificates: ObjectCheck<Gateway> = (e, ctx) => {
  const byCred = ctx.memo('gatewayCreds', () => {
    const m = new Map<string, Entry<Gateway>[]>();
    for (const g of ctx.index.gateways) for (const c of credentials(g)) m.set(c.name, [...(m.get(c.name) ?? []), g]);
    return m;
  });
  const mine = e.obj.spec.selector ?? {};
  for (const c of credentials(e)) {
    const other = (byCred.get(c.name) ?? []).find((o) => o !== e && labelsMatch(mine, o.obj.spec.selector ?? {}));
    if (other) return [result('gateways.duplicatecertificate', `spec/servers[${c.server}]/tls/credentialName`, `"${c.name}" is also used by Gateway ${other.namespace}/${other.name}`)];
  }
  return [];
};
