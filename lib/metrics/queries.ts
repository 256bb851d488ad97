/**
 * The PromQL of the detail charts, from validated names only. An entity and a direction give the
 * matchers (inbound: the traffic addressed to it; outbound: the traffic its workloads sent); the
 * reporter says whose proxy counted it. Every query is a rate over `rateSec`, evaluated on the
 * chart's range; latency quantiles are computed in the server from one bucket query (the same
 * algorithm as the graph, lib/graph/histogram.ts).
 */
import { assertK8sName, by, eq, escapeRegex, neq, rangeLiteral, regex, selector, type Matcher } from '../prometheus/promql';
import type { Direction, EntityKind, Reporter } from './types';

export interface EntityRef {
  kind: EntityKind;
  namespace: string;
  name: string;
}

export interface DetailQuerySpec extends EntityRef {
  direction: Direction;
  reporter: Reporter;
  /** Split traffic by the peer (source workload inbound, destination service+workload outbound). */
  split: boolean;
  rateSec: number;
}

/** Matchers selecting the entity on the inbound (destination) or outbound (source) side. */
export function entityMatchers(ref: EntityRef, direction: Direction): Matcher[] {
  const ns = assertK8sName('namespace', ref.namespace);
  const name = assertK8sName(ref.kind, ref.name);
  if (ref.kind === 'service') {
    if (direction === 'outbound') throw new Error('a service has no outbound traffic of its own: use its workloads');
    return [eq('destination_service_namespace', ns), eq('destination_service_name', name)];
  }
  const side = direction === 'inbound' ? 'destination' : 'source';
  const nameLabel = ref.kind === 'workload' ? `${side}_workload` : `${side}_canonical_service`;
  return [eq(`${side}_workload_namespace`, ns), eq(nameLabel, name)];
}

/** The peer labels a split groups by. */
export function peerLabels(direction: Direction): string[] {
  return direction === 'inbound'
    ? ['source_workload_namespace', 'source_workload', 'source_canonical_revision']
    : ['destination_service_name', 'destination_workload_namespace', 'destination_workload', 'destination_canonical_revision'];
}

export type DetailQueryName = 'requests' | 'peers' | 'durationBuckets' | 'durationAvg' | 'saturation' | 'codesWindow';

/** Label that names each branch of the saturation union. */
export const SERIES_LABEL = 'meshscope_series';

export const SATURATION_SERIES = [
  ['request_bytes', 'istio_request_bytes_sum'],
  ['response_bytes', 'istio_response_bytes_sum'],
  ['tcp_opened', 'istio_tcp_connections_opened_total'],
  ['tcp_closed', 'istio_tcp_connections_closed_total'],
  ['tcp_sent', 'istio_tcp_sent_bytes_total'],
  ['tcp_received', 'istio_tcp_received_bytes_total'],
] as const;

function labelled(expr: string, value: string): string {
  return `label_replace(${expr}, "${SERIES_LABEL}", "${value}", "", "")`;
}

/** Range queries for the detail charts plus one instant query over the whole window (codes table). */
export function buildDetailQueries(spec: DetailQuerySpec, windowSec: number): Record<DetailQueryName, string> {
  const m = [eq('reporter', spec.reporter), ...entityMatchers(spec, spec.direction)];
  const r = rangeLiteral(spec.rateSec);
  const rate = (metric: string, extra: Matcher[] = []) => `rate(${selector(metric, [...m, ...extra])}[${r}])`;
  const http = [neq('request_protocol', 'tcp')];
  const saturation = SATURATION_SERIES.map(([key, metric]) => labelled(`sum(${rate(metric)})`, key)).join(' or ');
  return {
    requests: `sum ${by(['response_code', 'response_flags'])} (${rate('istio_requests_total', http)})`,
    peers: `sum ${by(peerLabels(spec.direction))} (${rate('istio_requests_total', http)})`,
    durationBuckets: `sum ${by(['le'])} (${rate('istio_request_duration_milliseconds_bucket', http)})`,
    durationAvg: `sum(${rate('istio_request_duration_milliseconds_sum', http)}) / sum(${rate('istio_request_duration_milliseconds_count', http)})`,
    saturation,
    codesWindow: `sum ${by(['response_code', 'response_flags'])} (rate(${selector('istio_requests_total', [...m, ...http])}[${rangeLiteral(windowSec)}]))`,
  };
}

/**
 * cAdvisor container CPU (cores) and memory (working set bytes) of the entity's pods. Pods are matched
 * by name prefix: `<workload>-…` for a workload, `<name>-…` for an app or service (Deployment pods
 * are named after their Deployment, whose name starts with the app in the usual layouts).
 */
export function buildResourceQuery(ref: EntityRef, rateSec: number): string {
  const ns = assertK8sName('namespace', ref.namespace);
  const name = assertK8sName(ref.kind, ref.name);
  const m = [eq('namespace', ns), regex('pod', `${escapeRegex(name)}-.*`), neq('container', ''), neq('container', 'POD')];
  const cpu = `sum(rate(${selector('container_cpu_usage_seconds_total', m)}[${rangeLiteral(rateSec)}]))`;
  const mem = `sum(${selector('container_memory_working_set_bytes', m)})`;
  return `${labelled(cpu, 'cpu')} or ${labelled(mem, 'memory')}`;
}

/** Does this Prometheus hold cAdvisor series at all? (empty result = no) */
export const CADVISOR_PRESENT_QUERY = 'count(container_cpu_usage_seconds_total) or count(container_memory_working_set_bytes)';

/**
 * Has the entity ever been seen in the telemetry within `lookbackSec` (either side, any protocol)?
 * Used to tell "unknown" (404) from "no traffic in the window" (an empty state).
 */
export function buildExistsQuery(ref: EntityRef, lookbackSec: number): string {
  const r = rangeLiteral(lookbackSec);
  const sides: Direction[] = ref.kind === 'service' ? ['inbound'] : ['inbound', 'outbound'];
  const parts: string[] = [];
  for (const metric of ['istio_requests_total', 'istio_tcp_sent_bytes_total']) {
    for (const d of sides) parts.push(`count(count_over_time(${selector(metric, entityMatchers(ref, d))}[${r}]))`);
  }
  return parts.join(' or ');
}
