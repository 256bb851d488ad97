/**
 * Hand-written Prometheus rows for graph tests: Istio's label set for one hop, as the graph queries
 * group it (queries.ts) and return it (identity labels joined into one, identity.ts), so a test
 * states only what matters.
 */
import type { VectorSample } from '../prometheus/types';
import { joinedRowLabels } from './identity';

export interface WorkloadRef {
  ns: string;
  name: string;
  app: string;
  version?: string;
}

export interface HopRef {
  source?: WorkloadRef;
  /** Destination workload; undefined when the request never reached one. */
  dest?: WorkloadRef;
  service: { ns: string; name: string; host?: string };
  protocol?: 'http' | 'grpc' | 'tcp';
}

export function identity(h: HopRef): Record<string, string> {
  const s = h.source;
  const d = h.dest;
  return {
    source_workload_namespace: s?.ns ?? 'unknown',
    source_workload: s?.name ?? 'unknown',
    source_canonical_service: s?.app ?? 'unknown',
    source_canonical_revision: s?.version ?? 'latest',
    destination_service_namespace: h.service.ns,
    destination_service: h.service.host ?? `${h.service.name}.${h.service.ns}.svc.cluster.local`,
    destination_service_name: h.service.name,
    destination_workload_namespace: d?.ns ?? 'unknown',
    destination_workload: d?.name ?? 'unknown',
    destination_canonical_service: d?.app ?? 'unknown',
    destination_canonical_revision: d?.version ?? 'latest',
    request_protocol: h.protocol ?? 'http',
  };
}

export function requestRow(h: HopRef, code: string, rate: number, flags = '-', grpcStatus?: string): VectorSample {
  return {
    metric: joinedRowLabels({ ...identity(h), response_code: code, response_flags: flags, ...(grpcStatus !== undefined ? { grpc_response_status: grpcStatus } : {}) }),
    value: rate,
    timestampSec: 1_800_000_000,
  };
}

/** Cumulative bucket rates for one hop: `counts` maps upper bound (or "+Inf") → cumulative rate. */
export function bucketRows(h: HopRef, counts: Array<[string, number]>): VectorSample[] {
  return counts.map(([le, rate]) => ({ metric: joinedRowLabels({ ...identity(h), le }), value: rate, timestampSec: 1_800_000_000 }));
}

export function mtlsRow(h: HopRef, policy: 'mutual_tls' | 'none', rate: number): VectorSample {
  return { metric: joinedRowLabels({ ...identity(h), connection_security_policy: policy }), value: rate, timestampSec: 1_800_000_000 };
}

export function tcpRow(h: HopRef, rate: number): VectorSample {
  return { metric: joinedRowLabels({ ...identity({ ...h, protocol: 'tcp' }), response_flags: '-' }), value: rate, timestampSec: 1_800_000_000 };
}
