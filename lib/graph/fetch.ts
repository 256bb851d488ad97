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
  /**
   * Istio/Kubernetes configuration for badges and idle nodes; omitted when no config source is set.
   * May still be loading: the queries go out first, and it is awaited before the first answer is used.
   */
  config?: ConfigInput | Promise<ConfigInput | undefined>;
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
 * The query sent first: the slowest. The duration histogram has a row per bucket (twenty for Istio's
 * default buckets) and takes Prometheus several times as long as any other; each send costs the event
 * loop a fraction of a millisecond, so sending it last would add the others' sends to the graph's time.
 */
const SENT_FIRST: GraphQueryName = 'durationBuckets';

/** Sends the five queries at once (SENT_FIRST first), each answer observed so that none fails unobserved while the caller awaits something else. */
function sendQueries(prometheus: PrometheusClient, queries: Record<GraphQueryName, string>, timeSec: number, signal?: AbortSignal): Map<GraphQueryName, Promise<VectorSample[]>> {
  const order = [SENT_FIRST, ...(Object.keys(queries) as GraphQueryName[]).filter((n) => n !== SENT_FIRST)];
  const pending = new Map(order.map((n) => [n, prometheus.query(queries[n], { timeSec, signal })] as const));
  for (const p of pending.values()) p.catch(() => undefined);
  return pending;
}

/**
 * The five queries' answers built into a graph as they come (buildGraphAsAnswered). A failed
 * request-count query fails the graph at once; any other failure leaves its part empty and adds one
 * warning per missing part with Prometheus's reason.
 */
async function buildFromAnswers(pending: Map<GraphQueryName, Promise<VectorSample[]>>, options: BuildOptions) {
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
  const pending = sendQueries(prometheus, queries, timeSec, opts.signal);
  const config = await opts.config;
  const options = {
    graphType: req.graphType,
    namespaces: req.namespaces,
    injectServiceNodes: req.injectServiceNodes,
    idleEdges: req.idleEdges,
  };
  const serviceEntryHosts = config ? new Set(config.objects.filter((o) => o.kind === 'ServiceEntry').flatMap((o) => {
    const hosts = (o.spec as { hosts?: unknown } | undefined)?.hosts;
    return Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string').map((h) => resolveHost(h, o.metadata.namespace ?? 'default')) : [];
  })) : undefined;
  const { graph: built, missing } = await buildFromAnswers(pending, { ...options, health: opts.health, serviceEntryHosts });
  let graph = built;
  const warnings = [...missing, ...explainGraph(graph, req, opts.scrapeIntervalSec)];
  if (config) {
    if (req.idleNodes) graph = appendIdleNodes(graph, config, options);
    graph = appendConfigBadges(graph, config);
    warnings.push(...configWarnings(config, req.namespaces));
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
