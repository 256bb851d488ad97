/**
 * AuthorizationPolicy evaluation for one observed caller → workload pair, as the sidecar's RBAC
 * filter decides (CUSTOM and AUDIT aside): a DENY policy with a matching rule denies; otherwise,
 * when ALLOW policies apply, at least one of their rules must match; a policy without rules matches
 * nothing (so `spec: {}` — an ALLOW with no rules — denies everything).
 *
 * Telemetry knows the caller's identity (principal and namespace, only over mutual TLS) but not the
 * request's method, path, host, port or headers, so every check is three-valued: a rule that names
 * an operation or a request condition `maybe` matches. The verdict is `depends` when the policies'
 * outcome hangs on such a field.
 */
import type { Workload } from '../istio/mesh-index';
import type { AuthorizationPolicySpec, Rule, Source } from '../istio/types';
import { policyId, type Policy, type SecurityModel } from './model';

type M = 'yes' | 'no' | 'maybe';
const UNKNOWN = Symbol('unknown');
type Value = string | undefined | typeof UNKNOWN;

const all = (ms: M[]): M => (ms.includes('no') ? 'no' : ms.includes('maybe') ? 'maybe' : 'yes');
const any = (ms: M[]): M => (ms.includes('yes') ? 'yes' : ms.includes('maybe') ? 'maybe' : 'no');

export interface EdgeIdentity {
  /** Caller principal without `spiffe://` (cluster.local/ns/x/sa/y); undefined for plaintext callers. */
  principal?: string;
  /** Caller namespace, known only from its certificate (mutual TLS). */
  namespace?: string;
}

export interface EdgeDecision {
  verdict: 'allowed' | 'denied' | 'depends';
  /** Policies whose rules (may) allow the caller's requests. */
  allowedBy: string[];
  /** A DENY policy whose rules (may) match, or the ALLOW policies none of whose rules match. */
  deniedBy: string[];
}

function glob(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return pattern === value;
}

function list(values: readonly string[] | undefined, notValues: readonly string[] | undefined, value: Value): M {
  const yes = values ?? [];
  const no = notValues ?? [];
  if (yes.length === 0 && no.length === 0) return 'yes';
  if (value === UNKNOWN) return 'maybe';
  if (yes.length > 0 && (value === undefined || !yes.some((p) => glob(p, value)))) return 'no';
  if (no.length > 0 && value !== undefined && no.some((p) => glob(p, value))) return 'no';
  return 'yes';
}

function sourceMatches(s: Source, id: EdgeIdentity): M {
  const account = id.principal?.match(/\/ns\/([^/]+)\/sa\/([^/]+)$/);
  return all([
    list(s.principals, s.notPrincipals, id.principal),
    list(s.namespaces, s.notNamespaces, id.namespace),
    list(s.serviceAccounts, s.notServiceAccounts, account ? `${account[1]}/${account[2]}` : undefined),
    list(s.requestPrincipals, s.notRequestPrincipals, UNKNOWN),
    list(s.ipBlocks, s.notIpBlocks, UNKNOWN),
    list(s.remoteIpBlocks, s.notRemoteIpBlocks, UNKNOWN),
  ]);
}

function ruleMatches(rule: Rule, id: EdgeIdentity): M {
  const from = rule.from ?? [];
  const to = rule.to ?? [];
  const when = rule.when ?? [];
  return all([
    from.length === 0 ? 'yes' : any(from.map((f) => sourceMatches(f.source, id))),
    // Operations (hosts, ports, methods, paths) are not in telemetry.
    to.length === 0 ? 'yes' : any(to.map((t) => (Object.values(t.operation).some((v) => Array.isArray(v) && v.length > 0) ? 'maybe' : 'yes'))),
    ...when.map((c) =>
      list(c.values, c.notValues, c.key === 'source.principal' ? id.principal : c.key === 'source.namespace' ? id.namespace : UNKNOWN),
    ),
  ]);
}

export const actionOf = (p: Policy<AuthorizationPolicySpec>) => p.spec.action ?? 'ALLOW';

/** Does the workload's sidecar enforce `p`? Root-namespace policies apply mesh-wide, the rest in their namespace. */
export function policyAppliesTo(model: SecurityModel, p: Policy<AuthorizationPolicySpec>, w: Pick<Workload, 'namespace' | 'labels'>): boolean {
  if (p.spec.targetRef !== undefined || p.spec.targetRefs !== undefined) return false; // waypoints / Gateway API
  if (p.namespace !== model.rootNamespace && p.namespace !== w.namespace) return false;
  const sel = p.spec.selector?.matchLabels ?? {};
  return Object.entries(sel).every(([k, v]) => w.labels[k] === v);
}

export function policiesFor(model: SecurityModel, w: Pick<Workload, 'namespace' | 'labels'>): Policy<AuthorizationPolicySpec>[] {
  const byNs = model.lookup.authorizationPolicies;
  const pool = w.namespace === model.rootNamespace ? byNs.get(w.namespace) ?? [] : [...(byNs.get(model.rootNamespace) ?? []), ...(byNs.get(w.namespace) ?? [])];
  return pool.filter((p) => policyAppliesTo(model, p, w));
}

export function policyMatch(p: Policy<AuthorizationPolicySpec>, id: EdgeIdentity): M {
  return any((p.spec.rules ?? []).map((r) => ruleMatches(r, id)));
}

export function decide(model: SecurityModel, w: Pick<Workload, 'namespace' | 'labels'>, id: EdgeIdentity): EdgeDecision {
  const policies = policiesFor(model, w);
  const denies = policies.filter((p) => actionOf(p) === 'DENY').map((p) => ({ p, m: policyMatch(p, id) }));
  const allows = policies.filter((p) => actionOf(p) === 'ALLOW').map((p) => ({ p, m: policyMatch(p, id) }));
  const sureDeny = denies.find((d) => d.m === 'yes');
  if (sureDeny) return { verdict: 'denied', allowedBy: [], deniedBy: [policyId(sureDeny.p)] };
  const maybeDenied = denies.filter((d) => d.m === 'maybe').map((d) => policyId(d.p));
  if (allows.length === 0) return { verdict: maybeDenied.length > 0 ? 'depends' : 'allowed', allowedBy: [], deniedBy: maybeDenied };
  const allowMatch = any(allows.map((a) => a.m));
  const allowedBy = allows.filter((a) => a.m !== 'no').map((a) => policyId(a.p));
  if (allowMatch === 'no') return { verdict: 'denied', allowedBy: [], deniedBy: [...maybeDenied, ...allows.map((a) => policyId(a.p))] };
  if (allowMatch === 'yes') return { verdict: maybeDenied.length > 0 ? 'depends' : 'allowed', allowedBy, deniedBy: maybeDenied };
  return { verdict: 'depends', allowedBy, deniedBy: [...maybeDenied, ...allows.map((a) => policyId(a.p))] };
}

/** The identity an observed edge gives the policies: principal and namespace only over mutual TLS. */
export function identityOf(principalLabel: string, namespaceLabel: string, mtls: boolean): EdgeIdentity {
  if (!mtls || principalLabel === 'unknown') return {};
  return {
    principal: principalLabel.replace(/^spiffe:\/\//, ''),
    ...(namespaceLabel !== 'unknown' ? { namespace: namespaceLabel } : {}),
  };
}
