/** Small hand-made graphs for the client-side graph tests (not Prometheus rows: see test-rows.ts). */
import type { GraphEdge, GraphNode } from './types';

const traffic = { inRps: 0, outRps: 0, inErrorRate: 0, outErrorRate: 0, inP50: null, inP95: null, inP99: null, tcpInBps: 0, tcpOutBps: 0 };

export function tnode(id: string, over: Partial<GraphNode> = {}): GraphNode {
  const [kind = '', ns = '', name = '', version = ''] = id.split(':');
  const nodeType = kind === 'wl' ? 'workload' : kind === 'svc' ? 'service' : kind === 'app' ? 'app' : kind === 'vapp' ? 'versionedApp' : kind === 'ext' ? 'external' : 'unknown';
  return {
    id,
    nodeType,
    namespace: nodeType === 'unknown' || nodeType === 'external' ? '' : ns,
    workload: nodeType === 'workload' ? name : nodeType === 'unknown' ? 'unknown' : '',
    app: nodeType === 'app' || nodeType === 'versionedApp' ? name : nodeType === 'workload' ? name.replace(/-v\d+$/, '') : nodeType === 'unknown' ? 'unknown' : '',
    version: nodeType === 'versionedApp' ? version : '',
    service: nodeType === 'service' ? name : '',
    health: 'healthy',
    ...over,
    traffic: { ...traffic, ...over.traffic },
  };
}

export function tedge(source: string, target: string, over: Partial<GraphEdge> = {}): GraphEdge {
  const protocol = over.protocol ?? 'http';
  return {
    id: `${source}>${target}>${protocol}`,
    source,
    target,
    protocol,
    rps: 1,
    percentOfSource: 100,
    errorRate: 0,
    p50: 5,
    p95: 10,
    p99: 20,
    mtlsPercent: 100,
    health: 'healthy',
    responses: [{ code: '200', flag: '-', rps: over.rps ?? 1 }],
    hosts: [],
    ...over,
  };
}
