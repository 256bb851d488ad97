/**
 * DestinationRule subsets: labels that select no endpoint of the host (KIA0203/IST0173) and subsets
 * without labels (KIA0209). Endpoints are the workloads behind the host's Services, ServiceEntry
 * endpoints and workloadSelector matches. Topology labels (`topology.kubernetes.io/*`) describe nodes,
 * not pods: a non-empty one is not compared. A subset no route uses is a warning (a canary not yet
 * deployed); one a route uses is an error (its traffic fails with 503).
 */
import { labelsMatch } from '../hosts';
import type { DestinationRule } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';
import { usedSubsets } from './vs-shared';

const TOPOLOGY = /^topology\.(kubernetes|istio)\.io\//;

function podLabels(labels: Record<string, string>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    if (TOPOLOGY.test(k)) {
      if (v === '') return null; // an empty topology value matches no node
      continue;
    }
    out[k] = v;
  }
  return out;
}

export const drSubsets: ObjectCheck<DestinationRule> = (e, ctx) => {
  const subsets = e.obj.spec.subsets ?? [];
  if (subsets.length === 0) return [];
  const { index } = ctx;
  const out: CheckResult[] = [];
  const host = index.fqdn(e.obj.spec.host, e.namespace);
  const wildcard = host.startsWith('*');
  const services = wildcard ? [] : index.servicesWithHost(host);
  const backends = services.flatMap((s) => index.backendLabelSets(s));
  // Only judge labels when the endpoints are known: workloads are in the input, and the host is a Service
  // with a selector or a ServiceEntry with endpoints/workloadSelector.
  const judge = ctx.options.workloadsComplete && !wildcard && services.length > 0 && services.some((s) => (s.selector && Object.keys(s.selector).length > 0) || s.endpointLabels);
  const used = usedSubsets(ctx);
  subsets.forEach((s, i) => {
    const labels = s.labels ?? {};
    if (Object.keys(labels).length === 0) {
      out.push(result('destinationrules.nodest.subsetnolabels', `spec/subsets[${i}]`, `subset "${s.name}"`));
      return;
    }
    if (!judge) return;
    const wanted = podLabels(labels);
    if (wanted && backends.some((b) => labelsMatch(wanted, b))) return;
    const referenced = used.has(`${host}|${s.name}`);
    out.push(
      result(
        'destinationrules.nodest.subsetlabels',
        `spec/subsets[${i}]`,
        `subset "${s.name}" (${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ')})${referenced ? ' is used by a route: its requests fail with 503' : ' (no route uses it yet)'}`,
        referenced ? 'error' : 'warning',
      ),
    );
  });
  return out;
};
