/**
 * DestinationRule TLS origination (SIMPLE/MUTUAL) without caCertificates: the server certificate is not
 * verified (IST0128 at traffic-policy level, IST0129 per port). A credentialName supplies the CA only
 * for gateways (a workloadSelector); insecureSkipVerify says it on purpose.
 */
import type { ClientTLSSettings, DestinationRule } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';

function unverified(tls: ClientTLSSettings | undefined, hasSelector: boolean): boolean {
  if (!tls || (tls.mode !== 'SIMPLE' && tls.mode !== 'MUTUAL')) return false;
  if (tls.caCertificates || tls.insecureSkipVerify) return false;
  if (tls.credentialName && hasSelector) return false;
  return true;
}

export const drTls: ObjectCheck<DestinationRule> = (e) => {
  const out: CheckResult[] = [];
  const tp = e.obj.spec.trafficPolicy;
  const hasSelector = e.obj.spec.workloadSelector !== undefined;
  if (unverified(tp?.tls, hasSelector)) out.push(result('destinationrules.tls.nocacert', 'spec/trafficPolicy/tls', `mode ${tp!.tls!.mode} for "${e.obj.spec.host}"`));
  (tp?.portLevelSettings ?? []).forEach((p, i) => {
    if (unverified(p.tls, hasSelector)) out.push(result('destinationrules.tls.nocacert.port', `spec/trafficPolicy/portLevelSettings[${i}]/tls`, `mode ${p.tls!.mode} on port ${p.port?.number ?? '?'}`));
  });
  return out;
};
