/**
 * The golden-signals model served by /api/signals: list rows (one per service / workload / app, the
 * graph's health over the user's window) and detail charts (range series, plain numbers, Unix
 * seconds). Units are in the field names.
 */
import type { GraphType } from '../graph/types';
import type { HealthStatus } from '../health/rules';

export const ENTITY_KINDS = ['service', 'workload', 'app'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The graph whose nodes a list shows: services as the versioned-app graph's service nodes. */
export const GRAPH_TYPE_OF: Record<EntityKind, GraphType> = { service: 'versionedApp', workload: 'workload', app: 'app' };

export const REPORTERS = ['source', 'destination'] as const;
export type Reporter = (typeof REPORTERS)[number];

export type Direction = 'inbound' | 'outbound';

export interface ConfigBadges {
  /** VirtualServices (ns/name) whose hosts include the service. */
  virtualServices: string[];
  /** DestinationRules (ns/name) for the service host. */
  destinationRules: string[];
  /** Validation messages (error/warning) of config objects that apply to the entity. */
  validation: Array<{ severity: 'error' | 'warning'; message: string; object: string }>;
}

export interface EntityRow {
  kind: EntityKind;
  namespace: string;
  name: string;
  /** The graph node id this row is (svc:<ns>:<name>, wl:<ns>:<name>, app:<ns>:<app>). */
  nodeId: string;
  /** The app the traces are filed under (<app>.<ns> in Jaeger). */
  app: string;
  health: HealthStatus;
  inRps: number;
  outRps: number;
  /** Errors / requests × 100 (4xx, 5xx, no response), null without requests. */
  inErrorPct: number | null;
  outErrorPct: number | null;
  /** Inbound p95 in ms, null without histogram data. */
  inP95Ms: number | null;
  /** Share (0–100) of destination-reported inbound requests that were mutual TLS; null when none. */
  mtlsPct: number | null;
  /** TCP bytes per second in and out. */
  tcpBps: number;
  badges: ConfigBadges;
}

export interface EntityListResponse {
  kind: EntityKind;
  namespaces: string[];
  durationSec: number;
  /** Evaluation time, Unix seconds. */
  timestamp: number;
  rows: EntityRow[];
  /** Config could not be read: the list still shows traffic, without badges. */
  warnings: string[];
}

export interface NamespaceSummary {
  namespace: string;
  /** Apps in the namespace by health (the app graph's node colours). */
  health: Record<HealthStatus, number>;
  /** Requests per second into the namespace's services (each request counted once). */
  rps: number;
  errorPct: number | null;
  mtlsPct: number | null;
  /** Requests per second over the window, [Unix s, rps]. */
  traffic: Array<[number, number]>;
}

export interface OverviewResponse {
  durationSec: number;
  timestamp: number;
  namespaces: NamespaceSummary[];
  /** Set when the traffic sparkline query failed (the cards still show the numbers). */
  trafficError?: string;
}

/** One chart series: a name for the legend and [Unix s, value] points (null = no value). */
export interface ChartSeries {
  name: string;
  points: Array<[number, number | null]>;
}

export const CHART_IDS = ['traffic', 'errors', 'latency', 'throughput', 'connections', 'cpu', 'memory'] as const;
export type ChartId = (typeof CHART_IDS)[number];

export interface Chart {
  id: ChartId;
  title: string;
  unit: 'rps' | 'percent' | 'ms' | 'Bps' | 'cps' | 'cores' | 'bytes';
  series: ChartSeries[];
  /** This chart's query failed; the other charts still render. */
  error?: string;
  /** Why there is nothing to draw when that is not an error (e.g. no cAdvisor metrics). */
  unavailable?: string;
}

export interface CodeCount {
  code: string;
  flags: string;
  /** Requests per second over the whole window. */
  rps: number;
}

export interface SignalsResponse {
  kind: EntityKind;
  namespace: string;
  name: string;
  direction: Direction;
  reporter: Reporter;
  split: boolean;
  startSec: number;
  endSec: number;
  stepSec: number;
  /** Each point is a rate over the rateSec before it. */
  rateSec: number;
  durationSec: number;
  /** The list row of this entity: the same health and numbers as the list and the graph. */
  summary: EntityRow | null;
  charts: Record<ChartId, Chart>;
  /** Response codes and flags behind the errors, over the window. */
  codes: CodeCount[];
  codesError?: string;
  /** True when no request or TCP byte was seen in the window (an empty state, not an error). */
  noTraffic: boolean;
}
