/** exportTo entries naming a namespace that does not exist (KIA0005), for VirtualService, DestinationRule and ServiceEntry. */
import type { K8sObject } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';

export const exportToNamespaces: ObjectCheck<K8sObject & { spec: { exportTo?: string[] } }> = (e, ctx) => {
  if (!ctx.options.namespacesComplete) return [];
  const out: CheckResult[] = [];
  (e.obj.spec.exportTo ?? []).forEach((ns, i) => {
    if (ns === '*' || ns === '.' || ns === '~' || ctx.index.namespaces.has(ns)) return;
    out.push(result('generic.exportto.namespacenotfound', `spec/exportTo[${i}]`, `"${ns}"`));
  });
  return out;
};
