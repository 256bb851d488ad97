/**
 * More than one Sidecar / PeerAuthentication / RequestAuthentication for the same workloads in a
 * namespace: several without a selector (KIA0002/IST0111), or selectors matching a common workload
 * (KIA0003/IST0110). Istio then picks one of them in an order nobody controls.
 */
import { labelsMatch } from '../hosts';
import type { Entry } from '../mesh-index';
import type { K8sObject } from '../types';
import { result, type CheckContext, type ObjectCheck } from './context';

type Selected = K8sObject & { spec: { selector?: { matchLabels?: Record<string, string> }; workloadSelector?: { labels?: Record<string, string> } } };

function selectorOf(e: Entry<Selected>): Record<string, string> | undefined {
  const sel = e.obj.kind === 'Sidecar' ? e.obj.spec.workloadSelector?.labels : e.obj.spec.selector?.matchLabels;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

function peers(ctx: CheckContext, e: Entry<Selected>): Entry<Selected>[] {
  const all = ctx.memo(`multimatch:${e.obj.kind}`, () => {
    const list = (e.obj.kind === 'Sidecar' ? ctx.index.sidecars : e.obj.kind === 'PeerAuthentication' ? ctx.index.peerAuthentications : ctx.index.requestAuthentications) as unknown as Entry<Selected>[];
    const byNs = new Map<string, Entry<Selected>[]>();
    for (const x of list) byNs.set(x.namespace, [...(byNs.get(x.namespace) ?? []), x]);
    return byNs;
  });
  return (all.get(e.namespace) ?? []).filter((x) => x !== e);
}

export const multiMatch: ObjectCheck<Selected> = (e, ctx) => {
  const mine = selectorOf(e);
  const others = peers(ctx, e);
  if (!mine) {
    const clash = others.filter((o) => !selectorOf(o));
    if (clash.length === 0) return [];
    return [result('generic.multimatch.selectorless', 'metadata/name', `${e.obj.kind} ${clash.map((c) => c.name).join(', ')} in "${e.namespace}" has no selector either`)];
  }
  if (!ctx.options.workloadsComplete) return [];
  const field = e.obj.kind === 'Sidecar' ? 'spec/workloadSelector' : 'spec/selector';
  const workloads = ctx.index.workloadsIn(e.namespace).filter((w) => labelsMatch(mine, w.labels));
  const clash = others.filter((o) => {
    const sel = selectorOf(o);
    return sel !== undefined && workloads.some((w) => labelsMatch(sel, w.labels));
  });
  if (clash.length === 0) return [];
  return [result('generic.multimatch.selector', field, `${e.obj.kind} ${clash.map((c) => c.name).join(', ')} selects the same workloads`)];
};
