/**
 * One graph request end to end: the five queries in parallel at one evaluation time, buildGraph, the
 * config appenders when a configuration is available, and the warnings that explain an empty or odd
 * graph. Any Prometheus failure propagates as the client's AppError (503/502/504 naming Prometheus).
 */
import type { HealthConfig } from '../health/rules';
import type { PrometheusClient } from '../prometheus/client';
import { appendConfigBadges, appendIdleNodes, configWarnings, resolveHost, type ConfigInput } from './badges';
import { buildGraph, type GraphVectors } from './build';
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

export async function fetchGraph(prometheus: PrometheusClient, req: GraphRequest, opts: FetchGraphOptions): Promise<GraphResponse> {
  const queries = buildGraphQueries({ namespaces: req.namespaces, durationSec: req.durationSec, idleEdges: req.idleEdges });
  const timeSec = req.queryTimeSec ?? opts.defaultTimeSec;
  const names = Object.keys(queries) as GraphQueryName[];
  const results = await Promise.all(names.map((n) => prometheus.query(queries[n], { timeSec, signal: opts.signal })));
  const vectors = Object.fromEntries(names.map((n, i) => [n, results[i] ?? []])) as unknown as GraphVectors;

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
  let graph = buildGraph(vectors, { ...options, health: opts.health, serviceEntryHosts });
  const warnings = explainGraph(graph, req, opts.scrapeIntervalSec);
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
