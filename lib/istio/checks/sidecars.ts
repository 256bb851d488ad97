/**
 * Sidecar: the root namespace's default Sidecar must not have a workloadSelector (KIA1006); a Sidecar in
 * an ambient namespace has no effect (IST0167); its selector must match a workload (KIA0004/IST0101).
 */
import type { Sidecar } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';

export const sidecarSelector: ObjectCheck<Sidecar> = (e, ctx) => {
  const sel = e.obj.spec.workloadSelector?.labels;
  if (!ctx.options.workloadsComplete || !sel || Object.keys(sel).length === 0) return [];
  const root = e.namespace === ctx.options.rootNamespace;
  if (ctx.index.selectWorkloads(sel, root ? null : e.namespace).length > 0) return [];
  return [result('sidecar.selector.workloadnotfound', 'spec/workloadSelector', `selector ${Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(', ')}`)];
};

export const sidecarAmbient: ObjectCheck<Sidecar> = (e, ctx) => {
  const labels = ctx.index.namespaceLabels.get(e.namespace);
  if (!labels || labels['istio.io/dataplane-mode'] !== 'ambient' || labels['istio-injection'] === 'enabled' || labels['istio.io/rev'] !== undefined) return [];
  const out: CheckResult[] = [result('sidecar.ambient.ineffective', 'metadata/namespace', `namespace "${e.namespace}" is labelled istio.io/dataplane-mode=ambient`)];
  return out;
};

export const sidecarGlobalSelector: ObjectCheck<Sidecar> = (e, ctx) => {
  const sel = e.obj.spec.workloadSelector?.labels;
  if (e.namespace !== ctx.options.rootNamespace || !sel || Object.keys(sel).length === 0) return [];
  return [result('sidecar.global.selector', 'spec/workloadSelector', `Sidecar ${e.name} is in the root namespace "${e.namespace}"`)];
};
