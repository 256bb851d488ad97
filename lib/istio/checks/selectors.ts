/**
 * Workload selectors that match nothing: Gateway (KIA0302/IST0101, workloads in any namespace),
 * AuthorizationPolicy (IST0127: no in-mesh workload covered; a namespace-wide policy needs one in its
 * namespace), PeerAuthentication, RequestAuthentication and Sidecar (KIA0004, their own namespace; the
 * root namespace selects mesh-wide).
 */
import type { AuthorizationPolicy, Gateway, K8sObject } from '../types';
import type { Entry } from '../mesh-index';
import { result, type CheckContext, type ObjectCheck } from './context';

function show(sel: Record<string, string>): string {
  return Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(', ');
}

export const gatewaySelector: ObjectCheck<Gateway> = (e, ctx) => {
  const sel = e.obj.spec.selector;
  if (!ctx.options.workloadsComplete || !sel || Object.keys(sel).length === 0) return [];
  if (ctx.index.selectWorkloads(sel, null).length > 0) return [];
  return [result('gateways.selector', 'spec/selector', `selector ${show(sel)}`)];
};

export const apSelector: ObjectCheck<AuthorizationPolicy> = (e, ctx) => {
  if (!ctx.options.workloadsComplete) return [];
  const sel = e.obj.spec.selector?.matchLabels;
  const hasSel = sel !== undefined && Object.keys(sel).length > 0;
  const root = e.namespace === ctx.options.rootNamespace;
  if (!hasSel && (root || e.obj.spec.targetRef || e.obj.spec.targetRefs)) return [];
  const pool = ctx.index.selectWorkloads(hasSel ? sel : undefined, root ? null : e.namespace);
  if (pool.some((w) => w.inMesh)) return [];
  return [result('authorizationpolicy.nomeshworkload', hasSel ? 'spec/selector' : 'metadata/namespace', hasSel ? `selector ${show(sel)}` : `namespace "${e.namespace}" has no workload in the mesh`)];
};

type Selected = K8sObject & { spec: { selector?: { matchLabels?: Record<string, string> }; workloadSelector?: { labels?: Record<string, string> } } };

export const genericSelector: ObjectCheck<Selected> = (e: Entry<Selected>, ctx: CheckContext) => {
  if (!ctx.options.workloadsComplete) return [];
  const field = e.obj.kind === 'Sidecar' ? 'workloadSelector' : 'selector';
  const sel = e.obj.kind === 'Sidecar' ? e.obj.spec.workloadSelector?.labels : e.obj.spec.selector?.matchLabels;
  if (!sel || Object.keys(sel).length === 0) return [];
  const root = e.namespace === ctx.options.rootNamespace;
  if (ctx.index.selectWorkloads(sel, root ? null : e.namespace).length > 0) return [];
  return [result('generic.selector.workloadnotfound', `spec/${field}`, `selector ${show(sel)}`)];
};
