/**
 * One graph request end to end: the five queries in parallel at one evaluation time, built into a
 * graph as they answer, the config appenders when a configuration is available, and the warnings
 * that explain an empty or odd graph. Partial results: only the request-count query is essential —
 * when it fails, its AppError propagates (503/502/504 naming Prometheus); when another query fails
 * or times out, the graph comes back without that part and a warning names what is missing
 * (latency, mTLS, TCP).
 */
import type { HealthConfig } from '../health/rules';
import type { PrometheusClient } from '../prometheus/client';
import { appendConfigBadges, appendIdleNodes, configWarnings, resolveHost, type ConfigInput } from './badges';
import type { VectorSample } from '../prometheus/types';
import { buildGraphAsAnswered, type BuildOptions } from './build';
import type { GraphRequest } from './params';
import { buildGraphQueries, type GraphQueryName } from './queries';
import type { GraphResponse } from './types';

export interface FetchGraphOptions {
  /** Evaluation time when the request has none (the server's quantised now). */
  defaultTimeSec: number;
  scrapeIntervalSec: number;
  health?: HealthConfig;
  /** Istio/Kubernetes configuration for badges and idle nodes; omitted when no config source is set. */
  config?: ConfigInput;
  signal?: AbortSignal;
}

export function explainGraph(graph: Pick<GraphResponse, 'nodes' | 'edges'>, req: GraphRequest, scrapeIntervalSec: number): string[] {
  const warnings: string[] = [];
  if (req.durationSec < 2 * scrapeIntervalSec) {
    warnings.push(`The window (${req.durationSec}s) is shorter than two scrape intervals (2 × ${scrapeIntervalSec}s): a rate needs two samples inside the window, so traffic may be missing. Choose a longer window.`);
  }
  if (graph.edges.length === 0) {
    warnings.push(`No traffic in ${req.namespaces.join(', ')} during the last ${formatWindow(req.durationSec)}: Prometheus holds no Istio request or TCP series with a non-zero rate for these namespaces in this window.`);
  }
  return warnings;
}

function formatWindow(sec: number): string {
  if (sec % 3600 === 0) return `${sec / 3600}h`;
  if (sec % 60 === 0) return `${sec / 60}m`;
  return `${sec}s`;
}

/** How the warning of a graph missing a part starts (such a graph is not worth keeping in a cache). */
export const PARTIAL_GRAPH = 'Partial graph:';

/** What the graph lacks when a non-essential query fails ("requests" is essential: no graph without it). */
const OPTIONAL_PARTS: Record<Exclude<GraphQueryName, 'requests'>, string> = {
  durationBuckets: 'response times (latency)',
  mtls: 'mTLS status',
  tcpSent: 'TCP traffic',
  tcpReceived: 'TCP traffic',
};

/**
 * The five queries in parallel, built into a graph as they answer (buildGraphAsAnswered). A failed
 * request-count query fails the graph at once; any other failure leaves its part empty and adds one
 * warning per missing part with Prometheus's reason.
 */
async function buildFromQueries(
  prometheus: PrometheusClient, queries: Record<GraphQueryName, string>, timeSec: number, options: BuildOptions, signal?: AbortSignal,
) {
  const names = Object.keys(queries) as GraphQueryName[];
  const pending = new Map(names.map((n) => [n, prometheus.query(queries[n], { timeSec, signal })]));
  const reasons = new Map<string, string>();
  const answer = async (n: GraphQueryName): Promise<VectorSample[]> => {
    try {
      return await (pending.get(n) as Promise<VectorSample[]>);
    } catch (err) {
      if (n === 'requests') throw err;
      const part = OPTIONAL_PARTS[n];
      if (!reasons.has(part)) reasons.set(part, err instanceof Error ? err.message : String(err));
      return [];
    }
  };
  const graph = await buildGraphAsAnswered(answer, options);
  const missing = [...reasons].map(([part, reason]) => `${PARTIAL_GRAPH} no ${part} — its query failed (${reason}).`);
  return { graph, missing };
}

export async function fetchGraph(prometheus: PrometheusClient, req: GraphRequest, opts: FetchGraphOptions): Promise<GraphResponse> {
  const queries = buildGraphQueries({ namespaces: req.namespaces, durationSec: req.durationSec, idleEdges: req.idleEdges });
  const timeSec = req.queryTimeSec ?? opts.defaultTimeSec;
  const names = Object.keys(queries) as GraphQueryName[];
  const options = {
    graphType: req.graphType,
    namespaces: req.namespaces,
    injectServiceNodes: req.injectServiceNodes,
    idleEdges: req.idleEdges,
  };
  const serviceEntryHosts = opts.config ? new Set(opts.config.objects.filter((o) => o.kind === 'ServiceEntry').flatMap((o) => {
    const hosts = (o.spec as { hosts?: unknown } | undefined)?.hosts;
    return Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string').map((h) => resolveHost(h, o.metadata.namespace ?? 'default')) : [];
  })) : undefined;
  const { graph: built, missing } = await buildFromQueries(prometheus, queries, timeSec, { ...options, health: opts.health, serviceEntryHosts }, opts.signal);
  let graph = built;
  const warnings = [...missing, ...explainGraph(graph, req, opts.scrapeIntervalSec)];
  if (opts.config) {
    if (req.idleNodes) graph = appendIdleNodes(graph, opts.config, options);
    graph = appendConfigBadges(graph, opts.config);
    warnings.push(...configWarnings(opts.config, req.namespaces));
  }
  return {
    nodes: graph.nodes,
    edges: graph.edges,
    timestamp: timeSec,
    duration: req.durationSec,
    graphType: req.graphType,
    namespaces: req.namespaces,
    warnings,
    queryCount: names.length,
  };
}
