/**
 * The overview: one card per namespace from ONE app graph over all namespaces (the graph's health
 * rule and window, so an app's colour is the one the graph shows), plus an mTLS query and a small
 * traffic range query. Requests are counted once, as in the graph: in-mesh callers from their own
 * proxy (reporter="source"), callers outside the mesh from the destination.
 */
import type { ConfigInput } from '../graph/badges';
import { fetchGraph } from '../graph/fetch';
import type { Graph } from '../graph/types';
import type { HealthConfig, HealthStatus } from '../health/rules';
import type { PrometheusClient } from '../prometheus/client';
import { assertK8sName, by, eq, isK8sName, oneOf, rangeLiteral, selector } from '../prometheus/promql';
import type { RangeSeries, VectorSample } from '../prometheus/types';
import type { NamespaceSummary, OverviewResponse } from './types';
import { rangeWindow } from './window';

export const SPARKLINE_POINTS = 60;

export function buildOverviewQueries(namespaces: string[], durationSec: number, rateSec: number): { mtls: string; traffic: string } {
  const ns = namespaces.map((n) => assertK8sName('namespace', n));
  const mtlsSel = selector('istio_requests_total', [eq('reporter', 'destination'), oneOf('destination_workload_namespace', ns)]);
  const fromMesh = selector('istio_requests_total', [eq('reporter', 'source'), oneOf('destination_service_namespace', ns)]);
  const fromOutside = selector('istio_requests_total', [eq('reporter', 'destination'), eq('source_workload', 'unknown'), oneOf('destination_service_namespace', ns)]);
  const r = rangeLiteral(rateSec);
  return {
    mtls: `sum ${by(['destination_workload_namespace', 'connection_security_policy'])} (rate(${mtlsSel}[${rangeLiteral(durationSec)}])) > 0`,
    // The two selectors differ in `reporter`, so `or` keeps both before the sum.
    traffic: `sum ${by(['destination_service_namespace'])} (rate(${fromMesh}[${r}]) or rate(${fromOutside}[${r}]))`,
  };
}

/** The namespaces the overview shows: those the telemetry knows plus the configuration's Namespace objects. */
export function overviewNamespaces(telemetry: readonly string[], config: ConfigInput | undefined): string[] {
  const fromConfig = (config?.objects ?? []).filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
  return [...new Set([...telemetry, ...fromConfig])].filter((n) => isK8sName(n)).sort();
}

const emptyHealth = (): Record<HealthStatus, number> => ({ healthy: 0, degraded: 0, failing: 0, idle: 0 });

/** Pure: cards from the app graph, the mTLS vector and the traffic series. */
export function summarizeNamespaces(namespaces: string[], graph: Graph, mtls: VectorSample[], traffic: RangeSeries[]): NamespaceSummary[] {
  return namespaces.map((ns) => {
    const health = emptyHealth();
    let rps = 0;
    let errors = 0;
    for (const n of graph.nodes) {
      if (n.namespace !== ns || n.isOutside) continue;
      if (n.nodeType === 'app') health[n.health] += 1;
      if (n.nodeType === 'service') {
        rps += n.traffic.inRps;
        errors += n.traffic.inErrorRate * n.traffic.inRps;
      }
    }
    let secure = 0;
    let total = 0;
    for (const s of mtls) {
      if (s.metric.destination_workload_namespace !== ns || !Number.isFinite(s.value)) continue;
      total += s.value;
      if (s.metric.connection_security_policy === 'mutual_tls') secure += s.value;
    }
    const series = traffic.find((s) => s.metric.destination_service_namespace === ns);
    return {
      namespace: ns,
      health,
      rps,
      errorPct: rps > 0 ? (errors / rps) * 100 : null,
      mtlsPct: total > 0 ? (secure / total) * 100 : null,
      traffic: series ? series.points.filter(([, v]) => Number.isFinite(v)) : [],
    };
  });
}

export interface OverviewSpec {
  namespaces: string[];
  durationSec: number;
  timeSec: number;
  scrapeIntervalSec: number;
  config?: ConfigInput;
  health?: HealthConfig;
  signal?: AbortSignal;
}

export async function fetchOverview(prometheus: PrometheusClient, spec: OverviewSpec): Promise<OverviewResponse> {
  if (spec.namespaces.length === 0) return { durationSec: spec.durationSec, timestamp: spec.timeSec, namespaces: [] };
  const w = rangeWindow(spec.durationSec, spec.timeSec, spec.scrapeIntervalSec, SPARKLINE_POINTS);
  const q = buildOverviewQueries(spec.namespaces, spec.durationSec, w.rateSec);
  let trafficError: string | undefined;
  const [graph, mtls, traffic] = await Promise.all([
    fetchGraph(prometheus, {
      namespaces: spec.namespaces, graphType: 'app', durationSec: spec.durationSec, injectServiceNodes: true,
      idleEdges: false, idleNodes: spec.config !== undefined, queryTimeSec: spec.timeSec,
    }, { defaultTimeSec: spec.timeSec, scrapeIntervalSec: spec.scrapeIntervalSec, config: spec.config, health: spec.health, signal: spec.signal }),
    prometheus.query(q.mtls, { timeSec: spec.timeSec, signal: spec.signal }).catch(() => [] as VectorSample[]),
    prometheus.queryRange(q.traffic, { startSec: w.startSec, endSec: w.endSec, stepSec: w.stepSec, signal: spec.signal }).catch((err: unknown) => {
      trafficError = err instanceof Error ? err.message : String(err);
      return [] as RangeSeries[];
    }),
  ]);
  return {
    durationSec: spec.durationSec,
    timestamp: graph.timestamp,
    namespaces: summarizeNamespaces(spec.namespaces, graph, mtls, traffic),
    ...(trafficError ? { trafficError } : {}),
  };
}
