/**
 * Turns hops into Istio's standard metrics with prom-client, exactly as the istio_stats filter labels
 * them: one series set per reporter, `connection_security_policy` only known to the destination,
 * `unknown` for missing peers, `latest` for missing canonical revisions, `-` for no flags, `0` for no
 * response, Envoy's default histogram buckets and integer milliseconds. Series are never removed.
 */
import { Counter, Histogram, Registry } from 'prom-client';
import type { Hop, HopSink } from './hops';
import { principalOf, type Workload } from './model';

/** Envoy's default histogram buckets, used by Istio for durations (ms) and sizes (bytes). */
export const ISTIO_BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

export const ISTIO_LABELS = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'source_principal',
  'source_app',
  'source_version',
  'source_canonical_service',
  'source_canonical_revision',
  'source_cluster',
  'destination_workload',
  'destination_workload_namespace',
  'destination_principal',
  'destination_app',
  'destination_version',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_canonical_service',
  'destination_canonical_revision',
  'destination_cluster',
  'request_protocol',
  'response_code',
  'grpc_response_status',
  'response_flags',
  'connection_security_policy',
] as const;

const TCP_LABELS = ISTIO_LABELS.filter((l) => l !== 'response_code' && l !== 'grpc_response_status');

export type IstioLabels = Record<(typeof ISTIO_LABELS)[number], string>;

const CLUSTER = 'Kubernetes';

function peer(prefix: 'source' | 'destination', w: Workload | undefined, reporter: 'source' | 'destination'): Record<string, string> {
  if (!w) {
    return {
      [`${prefix}_workload`]: 'unknown',
      [`${prefix}_workload_namespace`]: 'unknown',
      [`${prefix}_principal`]: 'unknown',
      [`${prefix}_app`]: 'unknown',
      [`${prefix}_version`]: 'unknown',
      [`${prefix}_canonical_service`]: 'unknown',
      [`${prefix}_canonical_revision`]: 'latest',
      [`${prefix}_cluster`]: 'unknown',
    };
  }
  // The reporting proxy's own `version` label is raw (empty when unset, then dropped by Prometheus);
  // a peer's missing version reads `unknown`.
  const own = (prefix === 'source' && reporter === 'source') || (prefix === 'destination' && reporter === 'destination');
  return {
    [`${prefix}_workload`]: w.name,
    [`${prefix}_workload_namespace`]: w.namespace,
    [`${prefix}_principal`]: principalOf(w),
    [`${prefix}_app`]: w.labels.app ?? (own ? '' : 'unknown'),
    [`${prefix}_version`]: w.version || (own ? '' : 'unknown'),
    [`${prefix}_canonical_service`]: w.app,
    [`${prefix}_canonical_revision`]: w.version || 'latest',
    [`${prefix}_cluster`]: CLUSTER,
  };
}

/** The 25 labels a given reporter attaches to a hop. */
export function istioLabels(hop: Hop, reporter: 'source' | 'destination'): IstioLabels {
  const code = reporter === 'source' ? hop.sourceCode : hop.destinationCode;
  const flags = reporter === 'source' ? hop.sourceFlags : hop.destinationFlags;
  // A plaintext caller without a proxy has no identity; with mTLS the destination knows the caller.
  const source = reporter === 'destination' && !hop.mtls && hop.source && !hop.source.sidecar ? undefined : hop.source;
  const labels = {
    reporter,
    ...peer('source', source, reporter),
    ...peer('destination', hop.destination, reporter),
    destination_service: hop.service.host,
    destination_service_name: hop.service.name,
    destination_service_namespace: hop.service.namespace,
    request_protocol: hop.protocol,
    response_code: String(code),
    grpc_response_status: '',
    response_flags: flags,
    connection_security_policy: reporter === 'source' ? 'unknown' : hop.mtls ? 'mutual_tls' : 'none',
  } as IstioLabels;
  if (reporter === 'destination' && !hop.mtls) labels.source_principal = 'unknown';
  if (hop.destination === undefined && reporter === 'source') {
    labels.destination_principal = 'unknown';
  }
  return labels;
}

export interface IstioMetrics extends HopSink {
  registry: Registry;
}

export function createIstioMetrics(): IstioMetrics {
  const registry = new Registry();
  const labelNames = [...ISTIO_LABELS];
  const requests = new Counter({ name: 'istio_requests_total', help: 'Total requests.', labelNames, registers: [registry] });
  const duration = new Histogram({ name: 'istio_request_duration_milliseconds', help: 'Request duration in milliseconds.', labelNames, buckets: ISTIO_BUCKETS, registers: [registry] });
  const requestBytes = new Histogram({ name: 'istio_request_bytes', help: 'Request body sizes in bytes.', labelNames, buckets: ISTIO_BUCKETS, registers: [registry] });
  const responseBytes = new Histogram({ name: 'istio_response_bytes', help: 'Response body sizes in bytes.', labelNames, buckets: ISTIO_BUCKETS, registers: [registry] });
  const tcpLabels = [...TCP_LABELS];
  const tcpSent = new Counter({ name: 'istio_tcp_sent_bytes_total', help: 'Total bytes sent in a TCP connection.', labelNames: tcpLabels, registers: [registry] });
  const tcpReceived = new Counter({ name: 'istio_tcp_received_bytes_total', help: 'Total bytes received in a TCP connection.', labelNames: tcpLabels, registers: [registry] });
  const tcpOpened = new Counter({ name: 'istio_tcp_connections_opened_total', help: 'Total TCP connections opened.', labelNames: tcpLabels, registers: [registry] });
  const tcpClosed = new Counter({ name: 'istio_tcp_connections_closed_total', help: 'Total TCP connections closed.', labelNames: tcpLabels, registers: [registry] });

  const recordOne = (hop: Hop, reporter: 'source' | 'destination') => {
    const labels = istioLabels(hop, reporter);
    if (hop.protocol === 'tcp') {
      const { response_code: _code, grpc_response_status: _grpc, ...tcp } = labels;
      tcp.request_protocol = 'tcp';
      tcpSent.inc(tcp, hop.tcpBytesReceived ?? 0); // "sent" = bytes sent during the response
      tcpReceived.inc(tcp, hop.tcpBytesSent ?? 0);
      tcpOpened.inc(tcp, 1);
      tcpClosed.inc(tcp, 1);
      return;
    }
    const ms = Math.floor(reporter === 'source' ? hop.sourceDurationMs : hop.destinationDurationMs);
    requests.inc(labels, 1);
    duration.observe(labels, ms);
    requestBytes.observe(labels, hop.requestBytes);
    responseBytes.observe(labels, hop.responseBytes);
  };

  return {
    registry,
    record(hop) {
      if (hop.sourceReports) recordOne(hop, 'source');
      if (hop.destinationReports) recordOne(hop, 'destination');
    },
  };
}
