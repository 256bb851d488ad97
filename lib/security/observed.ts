/**
 * Observed security from telemetry. Only the server side knows whether a connection was mutual TLS
 * (`connection_security_policy` is `unknown` on reporter="source"), so everything here is read from
 * reporter="destination": two instant queries (HTTP requests, TCP connections) whatever the number
 * of namespaces, grouped by caller identity, destination, security policy and response code/flags.
 * A request denied by an AuthorizationPolicy is reported by the destination as 403 with no response
 * flag (`-`); Envoy's RBAC filter answers before the application sees it.
 */
import type { VectorSample } from '../prometheus/types';
import { assertK8sName, by, eq, oneOf, rangeLiteral, selector, type Matcher } from '../prometheus/promql';

export const OBSERVED_LABELS = [
  'source_workload_namespace',
  'source_workload',
  'source_principal',
  'destination_workload_namespace',
  'destination_workload',
  'destination_service',
  'connection_security_policy',
  'response_code',
  'response_flags',
] as const;

export interface ObservedQueries {
  http: string;
  tcp: string;
}

/** Destination-reported traffic into or out of the namespaces (validated names), by security policy. */
export function buildObservedQueries(namespaces: readonly string[], durationSec: number): ObservedQueries {
  if (namespaces.length === 0) throw new Error('at least one namespace is required');
  const ns = namespaces.map((n) => assertK8sName('namespace', n));
  const range = rangeLiteral(durationSec);
  const branches: Matcher[][] = [
    [eq('reporter', 'destination'), oneOf('destination_workload_namespace', ns)],
    [eq('reporter', 'destination'), oneOf('source_workload_namespace', ns)],
  ];
  const q = (metric: string, labels: readonly string[]) =>
    branches.map((m) => `(sum(rate(${selector(metric, m)}[${range}])) ${by(labels)} > 0)`).join(' or ');
  return {
    http: q('istio_requests_total', OBSERVED_LABELS),
    tcp: q('istio_tcp_connections_opened_total', OBSERVED_LABELS.filter((l) => l !== 'response_code')),
  };
}

export interface Peer {
  namespace: string;
  workload: string;
}

/** One caller → workload pair as the destination saw it. `unknown` workloads are callers without identity. */
export interface ObservedEdge {
  source: Peer & { principal: string };
  destination: Peer;
  protocol: 'http' | 'tcp';
  /** Requests (HTTP) or opened connections (TCP) per second. */
  rate: number;
  mtlsRate: number;
  plaintextRate: number;
  /** HTTP 403 with no response flag: denied by the sidecar's RBAC filter. */
  deniedRate: number;
  /** destination_service hosts seen on the edge. */
  hosts: string[];
}

export interface TrafficSecurity {
  rate: number;
  mtlsRate: number;
  /** 0–100, null without traffic. */
  mtlsPercent: number | null;
}

const key = (l: Record<string, string>, protocol: string) =>
  [protocol, l.source_workload_namespace, l.source_workload, l.source_principal, l.destination_workload_namespace, l.destination_workload].join('|');

/** Folds the two vectors into edges (pure). */
export function observedEdges(http: readonly VectorSample[], tcp: readonly VectorSample[]): ObservedEdge[] {
  const edges = new Map<string, ObservedEdge>();
  const add = (s: VectorSample, protocol: 'http' | 'tcp') => {
    if (!Number.isFinite(s.value) || s.value <= 0) return;
    const l = s.metric;
    const k = key(l, protocol);
    let e = edges.get(k);
    if (!e) {
      e = {
        source: { namespace: l.source_workload_namespace ?? 'unknown', workload: l.source_workload ?? 'unknown', principal: l.source_principal ?? 'unknown' },
        destination: { namespace: l.destination_workload_namespace ?? 'unknown', workload: l.destination_workload ?? 'unknown' },
        protocol,
        rate: 0,
        mtlsRate: 0,
        plaintextRate: 0,
        deniedRate: 0,
        hosts: [],
      };
      edges.set(k, e);
    }
    e.rate += s.value;
    if (l.connection_security_policy === 'mutual_tls') e.mtlsRate += s.value;
    else e.plaintextRate += s.value;
    if (protocol === 'http' && l.response_code === '403' && (l.response_flags ?? '-') === '-') e.deniedRate += s.value;
    const host = l.destination_service;
    if (host && !e.hosts.includes(host)) e.hosts.push(host);
  };
  for (const s of http) add(s, 'http');
  for (const s of tcp) add(s, 'tcp');
  return [...edges.values()].sort((a, b) => edgeLabel(a).localeCompare(edgeLabel(b)));
}

export function edgeLabel(e: ObservedEdge): string {
  return `${e.source.namespace}/${e.source.workload} → ${e.destination.namespace}/${e.destination.workload} (${e.protocol})`;
}

/** 0–100 share of mutual TLS; exactly 100 or 0 when one side is absent (no float residue from sums). */
export function mtlsPercentOf(mtlsRate: number, plaintextRate: number): number | null {
  if (mtlsRate + plaintextRate <= 0) return null;
  if (plaintextRate <= 0) return 100;
  if (mtlsRate <= 0) return 0;
  return (100 * mtlsRate) / (mtlsRate + plaintextRate);
}

export function summarise(edges: readonly ObservedEdge[]): TrafficSecurity {
  const rate = edges.reduce((s, e) => s + e.rate, 0);
  const mtlsRate = edges.reduce((s, e) => s + e.mtlsRate, 0);
  const plaintextRate = edges.reduce((s, e) => s + e.plaintextRate, 0);
  return { rate, mtlsRate, mtlsPercent: mtlsPercentOf(mtlsRate, plaintextRate) };
}

/** Inbound traffic security per destination workload (`namespace/name`). */
export function byWorkload(edges: readonly ObservedEdge[]): Map<string, TrafficSecurity> {
  return groupSummaries(edges, (e) => `${e.destination.namespace}/${e.destination.workload}`);
}

/** Inbound traffic security per destination namespace. */
export function byNamespace(edges: readonly ObservedEdge[]): Map<string, TrafficSecurity> {
  return groupSummaries(edges, (e) => e.destination.namespace);
}

function groupSummaries(edges: readonly ObservedEdge[], keyOf: (e: ObservedEdge) => string): Map<string, TrafficSecurity> {
  const groups = new Map<string, ObservedEdge[]>();
  for (const e of edges) {
    const k = keyOf(e);
    const list = groups.get(k);
    if (list) list.push(e);
    else groups.set(k, [e]);
  }
  return new Map([...groups].map(([k, es]) => [k, summarise(es)]));
}
