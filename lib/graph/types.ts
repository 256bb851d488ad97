/**
 * The service-graph model returned by /api/graph: plain numbers (no preformatted strings), stable
 * node ids (`wl:<ns>:<name>`, `app:<ns>:<app>`, `vapp:<ns>:<app>:<version>`, `svc:<ns>:<name>`,
 * `unknown`, `ext:<host>`), so the browser can keep positions across refreshes.
 */
import type { HealthStatus, Protocol } from '../health/rules';

export const GRAPH_TYPES = ['workload', 'app', 'versionedApp', 'service'] as const;
export type GraphType = (typeof GRAPH_TYPES)[number];

export type NodeType = 'workload' | 'app' | 'versionedApp' | 'service' | 'unknown' | 'external';

/** Why a node is external: a ServiceEntry host, or Istio's passthrough / black-hole clusters. */
export type ExternalKind = 'serviceEntry' | 'passthrough' | 'blackhole';

export type GatewayKind = 'ingress' | 'egress';

export interface GraphOptions {
  graphType: GraphType;
  /** The namespaces the user asked for; nodes elsewhere are flagged `isOutside`. */
  namespaces: string[];
  /** Put a service node between a caller and the workloads behind the service (Kiali's default). */
  injectServiceNodes: boolean;
  /** Keep edges whose rate is 0 in the window. */
  idleEdges: boolean;
}

/** Badges derived from the Istio configuration (see badges.ts). */
export interface NodeBadges {
  virtualService?: string[];
  trafficShifting?: boolean;
  requestRouting?: boolean;
  faultInjection?: boolean;
  requestTimeout?: boolean;
  mirroring?: boolean;
  circuitBreaker?: boolean;
  missingSidecar?: boolean;
  /** Validation messages (error/warning) of config objects that apply to this node. */
  configErrors?: Array<{ severity: 'error' | 'warning'; message: string; object: string }>;
  /** Disagreements between security policy and traffic that involve this node (lib/security/graph-badges.ts). */
  securityIssues?: Array<{ kind: string; severity: 'error' | 'warning' | 'info'; message: string }>;
}

/** Request counts by direction for one node; HTTP/gRPC in requests per second, TCP in bytes per second. */
export interface NodeTraffic {
  inRps: number;
  outRps: number;
  /** Errors / requests (0–1) on the inbound and outbound request traffic; 0 without traffic. */
  inErrorRate: number;
  outErrorRate: number;
  /** Inbound response-time quantiles in ms (null without histogram data). */
  inP50: number | null;
  inP95: number | null;
  inP99: number | null;
  tcpInBps: number;
  tcpOutBps: number;
}

export interface GraphNode {
  id: string;
  nodeType: NodeType;
  namespace: string;
  workload: string;
  app: string;
  version: string;
  service: string;
  health: HealthStatus;
  /** Traffic figures computed from the node's own edges (same window as the graph). */
  traffic: NodeTraffic;
  isGateway?: GatewayKind;
  isExternal?: ExternalKind;
  /** External host (ServiceEntry / passthrough destination_service). */
  host?: string;
  /** Outside the selected namespaces. */
  isOutside?: boolean;
  /** Known from the configuration but no traffic in the window. */
  isIdle?: boolean;
  /** Only outgoing traffic: a traffic source (gateway, unknown client). */
  isRoot?: boolean;
  /** A service node inserted between callers and workloads. */
  isInjected?: boolean;
  badges?: NodeBadges;
}

/** Requests per second answered with one response code and one response flag. */
export interface ResponseRate {
  /** HTTP status, gRPC status (gRPC edges), or "0" / "-" for no response. */
  code: string;
  /** Envoy response flag, "-" for none. */
  flag: string;
  rps: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  protocol: Protocol;
  /** Requests per second (HTTP/gRPC) or bytes per second sent+received (TCP). */
  rps: number;
  /** Share (0–100) of the source node's outbound traffic of the same kind (requests or TCP bytes). */
  percentOfSource: number;
  /** Errors / requests (0–1): 4xx+5xx+no response for HTTP, non-OK status for gRPC. 0 for TCP. */
  errorRate: number;
  /** Response-time quantiles in ms from the duration histogram; null without data (e.g. TCP). */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Share (0–100) of destination-reported traffic that was mutual TLS; null when unknown. */
  mtlsPercent: number | null;
  health: HealthStatus;
  /** Rates by response code and flag: codes ascending (numbers first), flags in the order first seen. Empty for TCP. */
  responses: ResponseRate[];
  /** TCP only: bytes per second in each direction. */
  tcpSentBps?: number;
  tcpReceivedBps?: number;
  /** destination_service hosts the traffic went to. */
  hosts: string[];
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphResponse extends Graph {
  /** Evaluation time, Unix seconds. */
  timestamp: number;
  /** Window in seconds. */
  duration: number;
  graphType: GraphType;
  namespaces: string[];
  /** Things the user should know about this graph (short window, no sidecars, …). */
  warnings: string[];
  /** How many PromQL queries built this graph (constant in the number of namespaces). */
  queryCount: number;
}
