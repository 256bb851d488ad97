/** VirtualService subsets: every subset a route names is defined by a DestinationRule visible to it (KIA1107/IST0101). */
import type { VirtualService } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';
import { destinationsOf, drsByHost, exportVisible } from './vs-shared';

export const vsSubsetPresence: ObjectCheck<VirtualService> = (e, ctx) => {
  const drsFor = drsByHost(ctx);
  const out: CheckResult[] = [];
  for (const d of destinationsOf(e.obj)) {
    if (!d.subset) continue;
    const fqdn = ctx.index.fqdn(d.host, e.namespace);
    const defining = drsFor(fqdn).filter((x) => x.subsets.has(d.subset!));
    if (defining.some((x) => exportVisible(x.e, e.namespace))) continue;
    const detail =
      defining.length > 0
        ? `subset "${d.subset}" of "${d.host}" is defined by DestinationRule ${defining[0]!.e.namespace}/${defining[0]!.e.name}, which is not exported to namespace "${e.namespace}"`
        : `subset "${d.subset}" of "${d.host}": requests to it fail with 503 (no route)`;
    out.push(result('virtualservices.subsetpresent.subsetnotfound', d.path, detail));
  }
  return out;
};
