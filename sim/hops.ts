/** What one simulated hop leaves behind: the facts each reporting proxy turns into Istio telemetry. */
import type { Workload } from './model';

export interface HopService {
  /** destination_service: the FQDN (or the Host header for unknown hosts). */
  host: string;
  name: string;
  namespace: string;
}

export interface Hop {
  protocol: 'http' | 'tcp';
  /** The calling workload; undefined when the caller is outside the mesh or unknown. */
  source?: Workload;
  /** Whether the caller's proxy reports (reporter="source"). */
  sourceReports: boolean;
  /** The workload that served it; undefined when the request never reached one. */
  destination?: Workload;
  /** Whether the destination sidecar reports (reporter="destination"). */
  destinationReports: boolean;
  service: HopService;
  /** Response code and flags as the source proxy saw them. */
  sourceCode: number;
  sourceFlags: string;
  /** As the destination sidecar saw them (differ when the caller gave up: 0 / DC). */
  destinationCode: number;
  destinationFlags: string;
  sourceDurationMs: number;
  destinationDurationMs: number;
  requestBytes: number;
  responseBytes: number;
  /** Mutual TLS between the two proxies (only the destination reporter can tell). */
  mtls: boolean;
  /** TCP hops: bytes in each direction and one connection opened and closed. */
  tcpBytesSent?: number;
  tcpBytesReceived?: number;
  startMs: number;
}

export interface HopSink {
  record(hop: Hop): void;
}
