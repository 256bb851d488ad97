/**
 * Graph appender: marks the nodes that a security disagreement is about (the destination workload)
 * with `badges.securityIssues`; findings with an identity-less caller also mark the `unknown` node.
 * Workload nodes match by namespace + workload, app / versioned-app nodes by the workload's
 * canonical service (and revision), service nodes are left alone.
 */
import type { Graph, GraphNode, GraphResponse, NodeBadges } from '../graph/types';
import type { ConfigSnapshot, ConfigSource } from '../istio/config-source';
import type { PrometheusClient } from '../prometheus/client';
import type { Disagreement } from './disagreements';
import { fetchSecurityReview } from './report';

export interface SecurityReview {
  workloads: ReadonlyArray<{ namespace: string; name: string; app: string; version: string }>;
  disagreements: readonly Disagreement[];
}

type Issue = NonNullable<NodeBadges['securityIssues']>[number];

function nodeMatches(node: GraphNode, w: SecurityReview['workloads'][number]): boolean {
  if (node.namespace !== w.namespace) return false;
  switch (node.nodeType) {
    case 'workload':
      return node.workload === w.name;
    case 'app':
      return node.app === w.app;
    case 'versionedApp':
      return node.app === w.app && node.version === (w.version === 'latest' ? '' : w.version);
    default:
      return false;
  }
}

/** Pure: a new graph whose matching nodes carry the findings. */
export function appendSecurityBadges<G extends Graph>(graph: G, review: SecurityReview): G {
  const byNode = new Map<string, Issue[]>();
  const add = (id: string, d: Disagreement) => {
    const list = byNode.get(id) ?? [];
    if (!list.some((i) => i.message === d.message)) list.push({ kind: d.kind, severity: d.severity, message: d.message });
    byNode.set(id, list);
  };
  const workloads = new Map(review.workloads.map((w) => [`${w.namespace}/${w.name}`, w]));
  for (const d of review.disagreements) {
    const w = d.workload ? workloads.get(d.workload) : undefined;
    for (const node of graph.nodes) {
      if (w && nodeMatches(node, w)) add(node.id, d);
      if (d.caller === 'unknown' && node.nodeType === 'unknown' && node.id === 'unknown') add(node.id, d);
    }
  }
  if (byNode.size === 0) return graph;
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const issues = byNode.get(n.id);
      return issues ? { ...n, badges: { ...n.badges, securityIssues: issues } } : n;
    }),
  };
}

export interface SecurityBadgeContext {
  prometheus: PrometheusClient;
  source: ConfigSource | null;
  signal?: AbortSignal;
}

/** The review for a graph, or why there is none. Never rejects. */
export type GraphSecurityReview = { ok: true; review: SecurityReview } | { ok: false; warning: string };

/**
 * The security queries for a graph's namespaces and window at its evaluation time. Needs nothing of
 * the graph itself, so the graph route starts it alongside the graph's own queries (one round trip
 * to Prometheus instead of two). `snapshot` may be given when the caller already has it.
 */
export async function reviewGraphSecurity(
  ctx: SecurityBadgeContext & { snapshot?: Promise<ConfigSnapshot | null> },
  scope: { namespaces: string[]; durationSec: number; timeSec: number },
): Promise<GraphSecurityReview> {
  try {
    const snapshot = ctx.snapshot ? await ctx.snapshot : ctx.source ? await ctx.source.snapshot() : null;
    const review = await fetchSecurityReview(ctx.prometheus, snapshot, { namespaces: scope.namespaces, durationSec: scope.durationSec }, { timeSec: scope.timeSec, signal: ctx.signal });
    return { ok: true, review };
  } catch (err) {
    return { ok: false, warning: `Security badges are missing: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Puts a review's badges on the response object in place (or its warning). */
export function applyGraphSecurity(graph: GraphResponse, result: GraphSecurityReview): void {
  if (result.ok) {
    graph.nodes = appendSecurityBadges(graph, result.review).nodes;
    graph.queryCount += 2;
  } else graph.warnings.push(result.warning);
}

/**
 * The graph route's hook: reviews the graph's namespaces and window at the graph's evaluation time
 * and puts the badges on the response object in place. A failure costs the badges (one warning),
 * never the graph.
 */
export async function addSecurityBadges(graph: GraphResponse, ctx: SecurityBadgeContext): Promise<void> {
  applyGraphSecurity(graph, await reviewGraphSecurity(ctx, { namespaces: graph.namespaces, durationSec: graph.duration, timeSec: graph.timestamp }));
}
