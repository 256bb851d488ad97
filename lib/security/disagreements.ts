/**
 * Where policy and traffic disagree — a pure function over the security model, the effective modes
 * and the observed edges of one window:
 *   - plaintext into a workload with a PERMISSIVE port: accepted now, refused under STRICT;
 *   - STRICT on every port but plaintext still observed (policy not applied yet, or old telemetry);
 *   - workloads without a sidecar in a namespace labelled for injection;
 *   - DestinationRules whose TLS mode (DISABLE/SIMPLE/MUTUAL) cannot reach a STRICT port;
 *   - requests denied by AuthorizationPolicy (403 from the destination, no response flag), with the
 *     policies whose rules deny them, and policies that allowed or denied nothing in the window;
 *   - requests that got through although the policies deny that caller for sure (policy not applied
 *     yet, or telemetry from before the change).
 */
import { decide, identityOf, policyAppliesTo, type EdgeDecision } from './authz';
import type { WorkloadSecurity } from './effective-mode';
import { policyId, workloadId, type SecurityModel } from './model';
import type { ObservedEdge } from './observed';

export type DisagreementKind =
  | 'plaintext-permissive'
  | 'plaintext-strict'
  | 'missing-sidecar'
  | 'dr-disables-tls'
  | 'authz-denied'
  | 'authz-not-enforced'
  | 'authz-unused';

export interface Disagreement {
  kind: DisagreementKind;
  severity: 'error' | 'warning' | 'info';
  /** The workload the finding is about (`namespace/name`), when there is one. */
  workload?: string;
  /** The caller (`namespace/workload`, `unknown` when it has no identity) for traffic findings. */
  caller?: string;
  callerPrincipal?: string;
  /** When the caller has no identity: the workloads of the config without a sidecar, who may be it. */
  callerCandidates?: string[];
  /** `Kind namespace/name` of the policies involved. */
  policies: string[];
  /** Requests (or TCP connections) per second behind a traffic finding. */
  rate?: number;
  message: string;
}

export interface EdgeAuthz {
  edge: ObservedEdge;
  decision: EdgeDecision;
}

const fmtRate = (r: number) => `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toPrecision(2)}/s`;
const callerOf = (e: ObservedEdge) => (e.source.workload === 'unknown' ? 'unknown' : `${e.source.namespace}/${e.source.workload}`);
const unit = (e: ObservedEdge) => (e.protocol === 'tcp' ? 'connections' : 'requests');

export interface DisagreementInput {
  model: SecurityModel;
  workloads: readonly WorkloadSecurity[];
  edges: readonly ObservedEdge[];
  /** Namespaces in view: config findings outside them are left out. */
  namespaces: readonly string[];
}

export function authzOfEdges(model: SecurityModel, edges: readonly ObservedEdge[]): EdgeAuthz[] {
  const out: EdgeAuthz[] = [];
  for (const edge of edges) {
    const w = model.index.workloadsIn(edge.destination.namespace).find((x) => x.name === edge.destination.workload);
    if (!w) continue;
    out.push({ edge, decision: decide(model, w, identityOf(edge.source.principal, edge.source.namespace, edge.mtlsRate > 0)) });
  }
  return out;
}

function plaintextFindings(input: DisagreementInput): Disagreement[] {
  const out: Disagreement[] = [];
  const byId = new Map(input.workloads.map((w) => [workloadId(w), w]));
  const noSidecar = input.workloads.filter((w) => !w.sidecar && !w.gateway).map(workloadId);
  for (const e of input.edges) {
    if (e.plaintextRate <= 0) continue;
    const id = `${e.destination.namespace}/${e.destination.workload}`;
    const w = byId.get(id);
    if (!w || !w.sidecar) continue;
    const caller = callerOf(e);
    const who = caller === 'unknown' ? 'a caller without identity (no sidecar)' : caller;
    const candidates = caller === 'unknown' && noSidecar.length > 0 ? { callerCandidates: noSidecar } : {};
    const permissive = w.ports.filter((p) => p.mode === 'PERMISSIVE');
    const modes = w.ports.length > 0 ? w.ports.map((p) => p.mode) : [w.defaultMode];
    const base = { workload: id, caller, callerPrincipal: e.source.principal, rate: e.plaintextRate, ...candidates };
    if (permissive.length > 0 || (w.ports.length === 0 && w.defaultMode === 'PERMISSIVE')) {
      const policies = [...new Set(permissive.map((p) => p.policy).filter((p): p is string => p !== null))].map((p) => `PeerAuthentication ${p}`);
      const why = policies.length > 0 ? `PERMISSIVE by ${policies.join(', ')}` : 'PERMISSIVE by Istio default (no PeerAuthentication)';
      out.push({
        kind: 'plaintext-permissive',
        severity: 'warning',
        ...base,
        policies,
        message: `${who} sends plaintext ${unit(e)} to ${id} (${fmtRate(e.plaintextRate)}), accepted because the workload is ${why}: would be refused under STRICT.`,
      });
    } else if (modes.every((m) => m === 'STRICT')) {
      const policies = [...new Set(w.ports.map((p) => p.policy).filter((p): p is string => p !== null))].map((p) => `PeerAuthentication ${p}`);
      out.push({
        kind: 'plaintext-strict',
        severity: 'warning',
        ...base,
        policies,
        message: `STRICT mTLS is in effect for ${id}, yet ${fmtRate(e.plaintextRate)} plaintext ${unit(e)} from ${who} were observed in the window: the policy may not be applied yet, or the telemetry predates the change.`,
      });
    }
  }
  return out;
}

function configFindings(input: DisagreementInput): Disagreement[] {
  const out: Disagreement[] = [];
  const inView = (ns: string) => input.namespaces.includes(ns);
  for (const w of input.workloads) {
    if (!inView(w.namespace)) continue;
    const nsLabelled = input.model.index.namespaceLabels.get(w.namespace);
    const injected = nsLabelled?.['istio-injection'] === 'enabled' || nsLabelled?.['istio.io/rev'] !== undefined;
    if (!w.sidecar && !w.gateway && injected) {
      out.push({
        kind: 'missing-sidecar',
        severity: 'warning',
        workload: workloadId(w),
        policies: [],
        message: `${workloadId(w)} runs without a sidecar although namespace ${w.namespace} is labelled for injection: its traffic is plaintext and outside every mesh policy.`,
      });
    }
    for (const p of w.ports) {
      if (p.mode !== 'STRICT') continue;
      for (const c of p.clientTls) {
        if (c.mode === 'ISTIO_MUTUAL') continue;
        out.push({
          kind: 'dr-disables-tls',
          severity: 'error',
          workload: workloadId(w),
          policies: [`DestinationRule ${c.policy}`, ...(p.policy ? [`PeerAuthentication ${p.policy}`] : [])],
          message: `DestinationRule ${c.policy} sets TLS mode ${c.mode}${c.subset ? ` (subset ${c.subset})` : ''} towards ${c.host}, but ${workloadId(w)} port ${p.port} is STRICT${p.policy ? ` (${p.policy})` : ''}: callers using it are refused.`,
        });
      }
    }
  }
  return out;
}

function authzFindings(input: DisagreementInput, authz: readonly EdgeAuthz[]): Disagreement[] {
  const out: Disagreement[] = [];
  const allowed = new Set<string>();
  const denied = new Set<string>();
  for (const { edge, decision } of authz) {
    const delivered = edge.rate - edge.deniedRate;
    if (delivered > 0) for (const p of decision.allowedBy) allowed.add(p);
    if (delivered > 0 && decision.verdict === 'denied') {
      const id = `${edge.destination.namespace}/${edge.destination.workload}`;
      const policies = decision.deniedBy.map((p) => `AuthorizationPolicy ${p}`);
      out.push({
        kind: 'authz-not-enforced',
        severity: 'info',
        workload: id,
        caller: callerOf(edge),
        callerPrincipal: edge.source.principal,
        rate: delivered,
        policies,
        message: `${policies.join(', ')} deny${policies.length === 1 ? 's' : ''} ${callerOf(edge)} → ${id}, yet ${fmtRate(delivered)} ${unit(edge)} got through in the window: the policy may not be applied yet, or the telemetry predates it.`,
      });
    }
    if (edge.deniedRate <= 0) continue;
    for (const p of decision.deniedBy) denied.add(p);
    const id = `${edge.destination.namespace}/${edge.destination.workload}`;
    const caller = callerOf(edge);
    const policies = decision.deniedBy.map((p) => `AuthorizationPolicy ${p}`);
    out.push({
      kind: 'authz-denied',
      severity: 'warning',
      workload: id,
      caller,
      callerPrincipal: edge.source.principal,
      rate: edge.deniedRate,
      policies,
      message:
        policies.length > 0
          ? `${fmtRate(edge.deniedRate)} requests from ${caller} to ${id} denied (403) by ${policies.join(', ')}.`
          : `${fmtRate(edge.deniedRate)} requests from ${caller} to ${id} answered 403 with no response flag, but no AuthorizationPolicy rule denies this caller: the application may answer 403 itself.`,
    });
  }
  for (const p of input.model.authorizationPolicies) {
    const id = policyId(p);
    if (allowed.has(id) || denied.has(id)) continue;
    if (p.namespace !== input.model.rootNamespace && !input.namespaces.includes(p.namespace)) continue;
    if ((p.spec.action ?? 'ALLOW') !== 'ALLOW' && p.spec.action !== 'DENY') continue;
    const pool = p.namespace === input.model.rootNamespace ? input.model.index.workloads : input.model.index.workloadsIn(p.namespace);
    const targets = pool.filter((w) => policyAppliesTo(input.model, p, w));
    out.push({
      kind: 'authz-unused',
      severity: 'info',
      policies: [`AuthorizationPolicy ${id}`],
      message:
        targets.length === 0
          ? `AuthorizationPolicy ${id} selects no workload.`
          : `AuthorizationPolicy ${id} (${p.spec.action ?? 'ALLOW'}) allowed or denied nothing in the window (applies to ${targets.map(workloadId).join(', ')}).`,
    });
  }
  return out;
}

const ORDER: Record<Disagreement['severity'], number> = { error: 0, warning: 1, info: 2 };

export function findDisagreements(input: DisagreementInput, authz = authzOfEdges(input.model, input.edges)): Disagreement[] {
  return [...plaintextFindings(input), ...configFindings(input), ...authzFindings(input, authz)].sort(
    (a, b) => ORDER[a.severity] - ORDER[b.severity] || a.kind.localeCompare(b.kind) || (a.workload ?? '').localeCompare(b.workload ?? ''),
  );
}
