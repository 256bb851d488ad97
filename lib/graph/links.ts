/** Where a graph node or edge links to: its detail page, its traces, and the graph focused on it. */
import type { GraphEdge, GraphNode } from './types';

const enc = encodeURIComponent;

export function detailHref(n: GraphNode): string | undefined {
  if (n.namespace === '') return undefined;
  switch (n.nodeType) {
    case 'workload': return `/workloads/${enc(n.namespace)}/${enc(n.workload)}`;
    case 'app': case 'versionedApp': return n.app ? `/apps/${enc(n.namespace)}/${enc(n.app)}` : undefined;
    case 'service': return `/services/${enc(n.namespace)}/${enc(n.service)}`;
    default: return undefined;
  }
}

/** The Jaeger service name Istio's proxies report: `<canonical service>.<namespace>`. */
export function traceService(n: GraphNode): string | undefined {
  if (n.namespace === '') return undefined;
  const name = n.nodeType === 'service' ? n.service : n.app || n.workload;
  return name ? `${name}.${n.namespace}` : undefined;
}

export function tracesHref(n: GraphNode): string | undefined {
  const svc = traceService(n);
  return svc ? `/traces?service=${enc(svc)}` : undefined;
}

/** Traces that crossed an edge: the destination's traces, narrowed to those the source also took part in. */
export function edgeTracesHref(e: GraphEdge, source: GraphNode | undefined, target: GraphNode | undefined): string | undefined {
  const dst = target ? traceService(target) : undefined;
  const src = source ? traceService(source) : undefined;
  const svc = dst ?? src;
  if (!svc) return undefined;
  const q = new URLSearchParams({ service: svc });
  if (dst && src) q.set('peer', src);
  return `/traces?${q.toString()}`;
}

export function focusHref(nodeId: string): string {
  return `/graph?focus=${enc(nodeId)}`;
}
