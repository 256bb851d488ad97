/** Search-result rows from full traces (v1 and api_v3 /traces return whole traces). */
import type { Trace, TraceSummary } from './model';
import { buildTree } from './tree';

export function summarizeTrace(trace: Trace): TraceSummary {
  const tree = buildTree(trace);
  const root = tree.roots.map((r) => tree.spans[r]!).find((s) => s.references.length === 0) ?? (tree.roots[0] !== undefined ? tree.spans[tree.roots[0]] : undefined);
  const perService = new Map<string, { name: string; spanCount: number; errorSpanCount: number }>();
  let errors = 0;
  for (const s of trace.spans) {
    const e = perService.get(s.serviceName) ?? { name: s.serviceName, spanCount: 0, errorSpanCount: 0 };
    e.spanCount += 1;
    if (s.error) {
      e.errorSpanCount += 1;
      errors += 1;
    }
    perService.set(s.serviceName, e);
  }
  return {
    traceId: trace.traceId,
    rootServiceName: root?.serviceName ?? '',
    rootOperationName: root?.operationName ?? '',
    startTimeUs: tree.startUs,
    durationUs: tree.endUs - tree.startUs,
    spanCount: trace.spans.length,
    errorSpanCount: errors,
    services: [...perService.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
