/**
 * Istio's view of a trace: every mesh hop is a CLIENT span in the caller's proxy with a SERVER
 * child in the callee's sidecar (same operation name). Pairs them into one hop and reads Envoy's
 * tags: response_flags, upstream_cluster, status code, and the workload from node_id.
 */
import type { Span } from './model';
import { tagString } from './tags';
import type { TraceTree } from './tree';

export interface ProxyNode {
  proxyType: string;
  ip: string;
  pod: string;
  namespace: string;
  /** Deployment-style workload name: the pod name without its ReplicaSet hash and pod suffix. */
  workload: string;
}

/** `sidecar~10.244.0.25~productpage-v1-6f89b6c557-sg2bc.default~default.svc.cluster.local`. */
export function parseNodeId(nodeId: string | undefined): ProxyNode | null {
  if (!nodeId) return null;
  const parts = nodeId.split('~');
  if (parts.length < 3) return null;
  const podNs = parts[2]!;
  const dot = podNs.lastIndexOf('.');
  if (dot <= 0) return null;
  const pod = podNs.slice(0, dot);
  const namespace = podNs.slice(dot + 1);
  const segs = pod.split('-');
  let workload = pod;
  if (segs.length >= 3 && /^[a-z0-9]{5}$/.test(segs[segs.length - 1]!) && /^[a-z0-9]{6,10}$/.test(segs[segs.length - 2]!)) {
    workload = segs.slice(0, -2).join('-');
  } else if (segs.length >= 2 && /^([a-z0-9]{5}|\d+)$/.test(segs[segs.length - 1]!)) {
    workload = segs.slice(0, -1).join('-');
  }
  return { proxyType: parts[0]!, ip: parts[1]!, pod, namespace, workload };
}

export interface HopSide {
  span: number;
  service: string;
  workload?: string;
  namespace?: string;
}

export interface MeshHop {
  client: HopSide;
  server: HopSide;
  operation: string;
  statusCode?: string;
  responseFlags?: string;
  upstreamCluster?: string;
  durationUs: number;
  /** Client time not spent in the server span: network + proxy overhead, µs. */
  overheadUs: number;
  error: boolean;
}

function side(tree: TraceTree, i: number, nodes: Map<string, ProxyNode | null>): HopSide {
  const span = tree.spans[i]!;
  const nodeId = tagString(span.tags, 'node_id') ?? '';
  let node = nodes.get(nodeId);
  if (node === undefined) {
    node = parseNodeId(nodeId);
    nodes.set(nodeId, node);
  }
  return { span: i, service: span.serviceName, workload: node?.workload, namespace: node?.namespace };
}

function statusOf(span: Span): string | undefined {
  return tagString(span.tags, 'http.status_code') ?? tagString(span.tags, 'http.response.status_code') ?? tagString(span.tags, 'grpc.status_code');
}

/** The hops of a trace; `hopOfSpan[i]` is the hop index of span i (client or server), or -1. */
export function pairMeshHops(tree: TraceTree): { hops: MeshHop[]; hopOfSpan: Int32Array } {
  const hops: MeshHop[] = [];
  const hopOfSpan = new Int32Array(tree.spans.length).fill(-1);
  const nodes = new Map<string, ProxyNode | null>();
  tree.spans.forEach((span, i) => {
    if (span.kind !== 'client') return;
    const server = tree.children[i]!.find((c) => tree.spans[c]!.kind === 'server' && hopOfSpan[c] === -1
      && (tree.spans[c]!.operationName === span.operationName || tree.children[i]!.length === 1));
    if (server === undefined) return;
    const s = tree.spans[server]!;
    const hop: MeshHop = {
      client: side(tree, i, nodes),
      server: side(tree, server, nodes),
      operation: span.operationName,
      statusCode: statusOf(span) ?? statusOf(s),
      responseFlags: tagString(span.tags, 'response_flags') ?? tagString(s.tags, 'response_flags'),
      upstreamCluster: tagString(span.tags, 'upstream_cluster') ?? tagString(span.tags, 'upstream_cluster.name'),
      durationUs: span.durationUs,
      overheadUs: Math.max(0, span.durationUs - s.durationUs),
      error: span.error || s.error,
    };
    hopOfSpan[i] = hops.length;
    hopOfSpan[server] = hops.length;
    hops.push(hop);
  });
  return { hops, hopOfSpan };
}

/** A client span whose request never reached a sidecar (fault injection, no healthy upstream, …). */
export interface UnansweredCall {
  span: number;
  /** Destination host from `outbound|<port>||<host>`. */
  destination?: string;
  statusCode?: string;
  responseFlags?: string;
}

export function unansweredCalls(tree: TraceTree, hopOfSpan: Int32Array): Map<number, UnansweredCall> {
  const out = new Map<number, UnansweredCall>();
  tree.spans.forEach((span, i) => {
    if (span.kind !== 'client' || hopOfSpan[i] !== -1) return;
    const cluster = tagString(span.tags, 'upstream_cluster') ?? tagString(span.tags, 'upstream_cluster.name');
    const destination = cluster?.split('|')[3] || undefined;
    if (!destination && tagString(span.tags, 'response_flags') === undefined) return;
    out.set(i, { span: i, destination, statusCode: statusOf(span), responseFlags: tagString(span.tags, 'response_flags') });
  });
  return out;
}
