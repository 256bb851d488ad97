/** Sidecar: the root namespace's default Sidecar must not have a workloadSelector (KIA1006). */
import type { Sidecar } from '../types';
import { result, type ObjectCheck } from './context';

export const sidecarGlobalSelector: ObjectCheck<Sidecar> = (e, ctx) => {
  const sel = e.obj.spec.workloadSelector?.labels;
  if (e.namespace !== ctx.options.rootNamespace || !sel || Object.keys(sel).length === 0) return [];
  return [result('sidecar.global.selector', 'spec/workloadSelector', `Sidecar ${e.name} is in the root namespace "${e.namespace}"`)];
};
