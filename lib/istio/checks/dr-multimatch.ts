/**
 * More than one DestinationRule for the same host and subset in one namespace (KIA0201). Rules in
 * different namespaces are not a conflict: Istio picks the client's namespace, then the service's, then
 * the root namespace. Rules with different workloadSelectors apply to different clients.
 */
import { exportScope, scopesOverlap } from '../hosts';
import type { Entry } from '../mesh-index';
import type { DestinationRule } from '../types';
import { result, type CheckContext, type ObjectCheck } from './context';

function keyOf(e: Entry<DestinationRule>, ctx: CheckContext): string {
  const sel = e.obj.spec.workloadSelector?.matchLabels;
  const selKey = sel ? Object.entries(sel).sort().map(([k, v]) => `${k}=${v}`).join(',') : '';
  return `${e.namespace}|${ctx.index.fqdn(e.obj.spec.host, e.namespace)}|${selKey}`;
}

export const drMultiMatch: ObjectCheck<DestinationRule> = (e, ctx) => {
  const groups = ctx.memo('drGroups', () => {
    const m = new Map<string, Entry<DestinationRule>[]>();
    for (const d of ctx.index.destinationRules) {
      const k = keyOf(d, ctx);
      let list = m.get(k);
      if (!list) m.set(k, (list = []));
      list.push(d);
    }
    return m;
  });
  const others = (groups.get(keyOf(e, ctx)) ?? []).filter((o) => o !== e && scopesOverlap(exportScope(o.obj.spec.exportTo, o.namespace), exportScope(e.obj.spec.exportTo, e.namespace)));
  if (others.length === 0) return [];
  const mine = (e.obj.spec.subsets ?? []).map((s) => s.name);
  for (const o of others) {
    const theirs = new Set((o.obj.spec.subsets ?? []).map((s) => s.name));
    if (mine.length === 0 && theirs.size === 0) {
      return [result('destinationrules.multimatch', 'spec/host', `host "${e.obj.spec.host}" is also configured by DestinationRule ${o.namespace}/${o.name}`)];
    }
    const shared = mine.findIndex((n) => theirs.has(n));
    if (shared >= 0) {
      return [result('destinationrules.multimatch', `spec/subsets[${shared}]`, `subset "${mine[shared]}" of "${e.obj.spec.host}" is also defined by DestinationRule ${o.namespace}/${o.name}`)];
    }
  }
  return [];
};
