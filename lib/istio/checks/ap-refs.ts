/**
 * AuthorizationPolicy references: source namespaces (and notNamespaces) that match no namespace
 * (KIA0101/IST0101; `prefix*` / `*suffix` patterns must match one), principals whose service account
 * does not exist (KIA0106) or whose trust domain is not the mesh's (KIA0108), and methods that are not
 * HTTP methods (KIA0102).
 */
import { matchesPattern } from '../hosts';
import type { AuthorizationPolicy } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

export const apRefs: ObjectCheck<AuthorizationPolicy> = (e, ctx) => {
  const out: CheckResult[] = [];
  const { index, options } = ctx;
  const namespaces = [...index.namespaces];
  (e.obj.spec.rules ?? []).forEach((rule, i) => {
    (rule.from ?? []).forEach((f, j) => {
      const base = `spec/rules[${i}]/from[${j}]/source`;
      for (const field of ['namespaces', 'notNamespaces'] as const) {
        (f.source[field] ?? []).forEach((ns, k) => {
          if (ns === '*' || namespaces.some((n) => matchesPattern(ns, n))) return;
          out.push(result('authorizationpolicy.source.namespacenotfound', `${base}/${field}[${k}]`, `"${ns}"`));
        });
      }
      for (const field of ['principals', 'notPrincipals'] as const) {
        (f.source[field] ?? []).forEach((p, k) => {
          if (p.includes('*')) return;
          const m = /^([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(p);
          if (!m) return;
          const [, domain, ns, sa] = m;
          if (domain !== options.trustDomain && domain !== 'cluster.local') {
            out.push(result('authorizationpolicy.source.principalforeign', `${base}/${field}[${k}]`, `trust domain "${domain}" in "${p}"`));
            return;
          }
          if (!options.accountsComplete || !index.namespaces.has(ns!)) return;
          if (!index.serviceAccounts.has(`${ns}/${sa}`)) {
            out.push(result('authorizationpolicy.source.principalnotfound', `${base}/${field}[${k}]`, `service account "${sa}" in namespace "${ns}"`));
          }
        });
      }
    });
    (rule.to ?? []).forEach((t, j) => {
      for (const field of ['methods', 'notMethods'] as const) {
        (t.operation[field] ?? []).forEach((m, k) => {
          if (m === '*' || HTTP_METHODS.has(m) || m.includes('*')) return;
          out.push(result('authorizationpolicy.to.wrongmethod', `spec/rules[${i}]/to[${j}]/operation/${field}[${k}]`, `"${m}"`));
        });
      }
    });
  });
  return out;
};
