/**
 * AuthorizationPolicy fields that only work over mTLS (KIA0105): source principals/namespaces and
 * `when` keys on the peer identity or SNI. When mTLS is not in force for the policy's workloads
 * (workload, then namespace, then mesh PeerAuthentication and DestinationRule; auto mTLS fills gaps),
 * those rules never match: an ALLOW policy then denies everything.
 */
import { labelsMatch } from '../hosts';
import type { AuthorizationPolicy } from '../types';
import { result, type CheckContext, type CheckResult, type ObjectCheck } from './context';
import { drModeFor, mtlsInForce, mtlsPicture, paModeFor, workloadPaMode, type DrTlsMode } from './mtls';

const MTLS_KEYS = new Set(['source.principal', 'source.namespace', 'connection.sni']);

/** Field paths of the policy that need mTLS. */
export function mtlsFields(ap: AuthorizationPolicy): string[] {
  const out: string[] = [];
  (ap.spec.rules ?? []).forEach((rule, i) => {
    (rule.from ?? []).forEach((f, j) => {
      for (const field of ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'] as const) {
        if ((f.source[field] ?? []).length > 0) out.push(`spec/rules[${i}]/from[${j}]/source/${field}`);
      }
    });
    (rule.when ?? []).forEach((w, k) => {
      if (MTLS_KEYS.has(w.key)) out.push(`spec/rules[${i}]/when[${k}]`);
    });
  });
  return out;
}

function workloadDrMode(ctx: CheckContext, ns: string, selector: Record<string, string>): DrTlsMode | undefined {
  const hosts = new Set(
    ctx.index
      .servicesIn(ns)
      .filter((s) => s.kind === 'Service' && s.selector && Object.keys(s.selector).length > 0 && labelsMatch(s.selector, selector))
      .map((s) => s.host),
  );
  if (hosts.size === 0) return undefined;
  for (const dr of ctx.index.destinationRules) {
    if (dr.obj.spec.workloadSelector) continue;
    if (hosts.has(ctx.index.fqdn(dr.obj.spec.host, dr.namespace))) {
      const m = dr.obj.spec.trafficPolicy?.tls?.mode;
      if (m) return m;
    }
  }
  return undefined;
}

export const apMtls: ObjectCheck<AuthorizationPolicy> = (e, ctx) => {
  const fields = mtlsFields(e.obj);
  if (fields.length === 0) return [];
  const pic = mtlsPicture(ctx);
  const sel = e.obj.spec.selector?.matchLabels;
  const hasSel = sel !== undefined && Object.keys(sel).length > 0;
  const pa = (hasSel ? workloadPaMode(ctx, e.namespace, sel) : undefined) ?? paModeFor(pic, e.namespace);
  const dr = (hasSel ? workloadDrMode(ctx, e.namespace, sel) : undefined) ?? drModeFor(pic, e.namespace);
  if (mtlsInForce(pa, dr, ctx.options.autoMtls)) return [];
  const why = `mTLS is not in force here (PeerAuthentication ${pa ?? 'unset'}, DestinationRule TLS ${dr ?? 'unset'}${ctx.options.autoMtls ? '' : ', auto mTLS off'})`;
  return fields.map((p): CheckResult => result('authorizationpolicy.mtls.needstobeenabled', p, why));
};
