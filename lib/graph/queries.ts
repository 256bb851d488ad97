/**
 * The PromQL behind one graph: five instant queries whatever the number of namespaces (namespaces are
 * one regex matcher). Each request is counted once — in-mesh callers from the source reporter (which
 * also sees requests that never reached a workload: fault-injected aborts, no healthy upstream),
 * callers outside the mesh (`source_workload="unknown"`, no proxy to report) from the destination
 * reporter. mTLS comes from the destination reporter, the only one that knows
 * `connection_security_policy`. Every answer carries the identity labels joined into one (identity.ts).
 */
import { assertK8sName, by, eq, oneOf, rangeLiteral, selector, type Matcher } from '../prometheus/promql';
import { IDENTITY_LABEL, IDENTITY_LABELS, IDENTITY_SEPARATOR } from './identity';

export { IDENTITY_LABELS };

export const REQUEST_LABELS = [...IDENTITY_LABELS, 'response_code', 'grpc_response_status', 'response_flags'] as const;
export const TCP_LABELS = [...IDENTITY_LABELS, 'response_flags'] as const;
export const DURATION_LABELS = [...IDENTITY_LABELS, 'le'] as const;
export const MTLS_LABELS = [...IDENTITY_LABELS, 'connection_security_policy'] as const;

export type GraphQueryName = 'requests' | 'tcpSent' | 'tcpReceived' | 'durationBuckets' | 'mtls';

export interface GraphQuerySpec {
  namespaces: string[];
  durationSec: number;
  /** Keep series whose rate is 0 in the window. */
  idleEdges: boolean;
}

export type GraphQueries = Record<GraphQueryName, string>;

/** The traffic branches, each a selector's matchers; results are combined with `or`. */
function trafficBranches(namespaces: string[]): Matcher[][] {
  const ns = (label: string) => oneOf(label, namespaces);
  return [
    // In-mesh callers, from their own proxy: outgoing from the namespaces, and incoming to them
    // (including requests that never reached a workload, reported with destination_workload="unknown").
    [eq('reporter', 'source'), ns('source_workload_namespace')],
    [eq('reporter', 'source'), ns('destination_service_namespace')],
    [eq('reporter', 'source'), ns('destination_workload_namespace')],
    // Callers without a proxy: only the destination's sidecar saw them.
    [eq('reporter', 'destination'), eq('source_workload', 'unknown'), ns('destination_workload_namespace')],
  ];
}

function sumRate(metric: string, matchers: Matcher[], labels: readonly string[], range: string): string {
  return `sum(rate(${selector(metric, matchers)}[${range}])) ${by(labels)}`;
}

function union(parts: string[]): string {
  return parts.map((p) => `(${p})`).join(' or ');
}

/**
 * The answer with the identity labels folded into one (identity.ts): label_join, then a sum by the
 * joined label and the query's own labels — one series in, one out, as the inner sum already grouped.
 */
function joined(expr: string, extraLabels: readonly string[]): string {
  const sources = IDENTITY_LABELS.map((l) => `"${l}"`).join(',');
  return `sum ${by([IDENTITY_LABEL, ...extraLabels])} (label_join(${expr}, "${IDENTITY_LABEL}", "${IDENTITY_SEPARATOR}", ${sources}))`;
}

/** Validates the namespaces (Kubernetes names) and builds the five graph queries. */
export function buildGraphQueries(spec: GraphQuerySpec): GraphQueries {
  if (spec.namespaces.length === 0) throw new Error('at least one namespace is required');
  const namespaces = spec.namespaces.map((n) => assertK8sName('namespace', n));
  const range = rangeLiteral(spec.durationSec);
  const active = spec.idleEdges ? '' : ' > 0';
  const branches = trafficBranches(namespaces);

  const traffic = (metric: string, labels: readonly string[]) =>
    joined(union(branches.map((m) => `${sumRate(metric, m, labels, range)}${active}`)), labels.slice(IDENTITY_LABELS.length));

  // Buckets must not be filtered one by one (a missing zero bucket moves the interpolation start),
  // so keep whole histograms whose count is non-zero.
  const durations = joined(union(branches.map((m) => {
    const buckets = sumRate('istio_request_duration_milliseconds_bucket', m, DURATION_LABELS, range);
    if (spec.idleEdges) return buckets;
    const count = sumRate('istio_request_duration_milliseconds_count', m, IDENTITY_LABELS, range);
    return `${buckets} and on (${IDENTITY_LABELS.join(',')}) (${count} > 0)`;
  })), ['le']);

  // mTLS: destination-reported requests and TCP bytes touching the namespaces, by security policy.
  const ns = (label: string) => oneOf(label, namespaces);
  const destBranches: Matcher[][] = [
    [eq('reporter', 'destination'), ns('destination_workload_namespace')],
    [eq('reporter', 'destination'), ns('source_workload_namespace')],
  ];
  const mtls = joined(union([
    ...destBranches.map((m) => `${sumRate('istio_requests_total', m, MTLS_LABELS, range)}${active}`),
    ...destBranches.map((m) => `${sumRate('istio_tcp_sent_bytes_total', m, MTLS_LABELS, range)}${active}`),
  ]), ['connection_security_policy']);

  return {
    requests: traffic('istio_requests_total', REQUEST_LABELS),
    // Istio's TCP names are from the server's point of view (istio/istio#32399): "sent" is what the
    // destination sent back, "received" what the caller sent.
    tcpSent: traffic('istio_tcp_received_bytes_total', TCP_LABELS),
    tcpReceived: traffic('istio_tcp_sent_bytes_total', TCP_LABELS),
    durationBuckets: durations,
    mtls,
  };
}
