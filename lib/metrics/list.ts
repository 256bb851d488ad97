/**
 * Services, workloads and apps with their numbers over the user's window. The rows ARE graph nodes:
 * the list is built by the graph builder (lib/graph, same queries, same window, same health rule), so
 * a node's colour in the graph equals its colour here. Services come from the versioned-app graph
 * (its injected service nodes), workloads from the workload graph, apps from the app graph. mTLS is
 * one more instant query, destination-reported (the only reporter that knows the security policy).
 */
import type { ConfigInput } from '../graph/badges';
import { fetchGraph } from '../graph/fetch';
import type { GraphRequest } from '../graph/params';
import type { Graph, GraphNode, NodeType } from '../graph/types';
import type { HealthConfig } from '../health/rules';
import type { PrometheusClient } from '../prometheus/client';
import { assertK8sName, by, eq, oneOf, rangeLiteral, selector } from '../prometheus/promql';
import type { VectorSample } from '../prometheus/types';
import { routingFor, routingIndex, type RoutingIndex } from './config-badges';
import { GRAPH_TYPE_OF, type EntityKind, type EntityListResponse, type EntityRow } from './types';

export { GRAPH_TYPE_OF };
const NODE_TYPE_OF: Record<EntityKind, NodeType> = { service: 'service', workload: 'workload', app: 'app' };

const MTLS_KEY: Record<EntityKind, [string, string]> = {
  service: ['destination_service_namespace', 'destination_service_name'],
  workload: ['destination_workload_namespace', 'destination_workload'],
  app: ['destination_workload_namespace', 'destination_canonical_service'],
};

export function buildMtlsQuery(kind: EntityKind, namespaces: string[], durationSec: number): string {
  const ns = namespaces.map((n) => assertK8sName('namespace', n));
  const [nsLabel, nameLabel] = MTLS_KEY[kind];
  const sel = selector('istio_requests_total', [eq('reporter', 'destination'), oneOf(nsLabel, ns)]);
  return `sum ${by([nsLabel, nameLabel, 'connection_security_policy'])} (rate(${sel}[${rangeLiteral(durationSec)}])) > 0`;
}

/** ns/name → mTLS % of the destination-reported requests. */
export function mtlsByEntity(kind: EntityKind, samples: VectorSample[]): Map<string, number> {
  const [nsLabel, nameLabel] = MTLS_KEY[kind];
  const acc = new Map<string, { secure: number; total: number }>();
  for (const s of samples) {
    if (!Number.isFinite(s.value)) continue;
    const key = `${s.metric[nsLabel] ?? ''}/${s.metric[nameLabel] ?? ''}`;
    const a = acc.get(key) ?? { secure: 0, total: 0 };
    a.total += s.value;
    if (s.metric.connection_security_policy === 'mutual_tls') a.secure += s.value;
    acc.set(key, a);
  }
  return new Map([...acc].filter(([, a]) => a.total > 0).map(([k, a]) => [k, (a.secure / a.total) * 100]));
}

export function nameOf(kind: EntityKind, node: GraphNode): string {
  return kind === 'service' ? node.service : kind === 'workload' ? node.workload : node.app;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const pct = (rate: number, rps: number): number | null => (rps > 0 ? rate * 100 : null);

/** The rows of one kind from a graph of the matching type. Pure. */
export function rowsFromGraph(kind: EntityKind, graph: Graph, namespaces: readonly string[], mtls: Map<string, number>, routing: RoutingIndex): EntityRow[] {
  const selected = new Set(namespaces);
  const nodeType = NODE_TYPE_OF[kind];
  const serviceErrors = new Map<string, NonNullable<NonNullable<GraphNode['badges']>['configErrors']>>();
  for (const n of graph.nodes) if (n.nodeType === 'service' && n.badges?.configErrors) serviceErrors.set(`${n.namespace}/${n.service}`, n.badges.configErrors);
  const rows: EntityRow[] = [];
  for (const node of graph.nodes) {
    if (node.nodeType !== nodeType || node.isOutside || !selected.has(node.namespace)) continue;
    const name = nameOf(kind, node);
    if (name === '' || name === 'unknown') continue;
    const t = node.traffic;
    const r = routingFor(routing, node.namespace, node.service);
    const own = node.badges?.configErrors ?? [];
    const viaService = kind === 'service' ? [] : serviceErrors.get(`${node.namespace}/${node.service}`) ?? [];
    rows.push({
      kind,
      namespace: node.namespace,
      name,
      nodeId: node.id,
      app: node.app || node.service || name,
      health: node.health,
      inRps: t.inRps,
      outRps: t.outRps,
      inErrorPct: pct(t.inErrorRate, t.inRps),
      outErrorPct: pct(t.outErrorRate, t.outRps),
      inP95Ms: t.inP95,
      mtlsPct: mtls.get(`${node.namespace}/${name}`) ?? null,
      tcpBps: t.tcpInBps + t.tcpOutBps,
      badges: { virtualServices: r.virtualServices, destinationRules: r.destinationRules, validation: [...own, ...viaService] },
    });
  }
  return rows.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
}

export interface ListSpec {
  kind: EntityKind;
  namespaces: string[];
  durationSec: number;
  timeSec: number;
  scrapeIntervalSec: number;
  config?: ConfigInput;
  health?: HealthConfig;
  signal?: AbortSignal;
}

export function graphRequestFor(spec: Pick<ListSpec, 'kind' | 'namespaces' | 'durationSec' | 'timeSec' | 'config'>): GraphRequest {
  return {
    namespaces: spec.namespaces,
    graphType: GRAPH_TYPE_OF[spec.kind],
    durationSec: spec.durationSec,
    injectServiceNodes: true,
    idleEdges: false,
    idleNodes: spec.config !== undefined,
    queryTimeSec: spec.timeSec,
  };
}

export async function fetchEntityList(prometheus: PrometheusClient, spec: ListSpec): Promise<EntityListResponse> {
  const warnings: string[] = [];
  const [graph, mtls] = await Promise.all([
    fetchGraph(prometheus, graphRequestFor(spec), {
      defaultTimeSec: spec.timeSec, scrapeIntervalSec: spec.scrapeIntervalSec, config: spec.config, health: spec.health, signal: spec.signal,
    }),
    prometheus.query(buildMtlsQuery(spec.kind, spec.namespaces, spec.durationSec), { timeSec: spec.timeSec, signal: spec.signal }).catch((err: unknown) => {
      warnings.push(`mTLS is missing: ${err instanceof Error ? err.message : String(err)}`);
      return [] as VectorSample[];
    }),
  ]);
  const rows = rowsFromGraph(spec.kind, graph, spec.namespaces, mtlsByEntity(spec.kind, mtls), routingIndex(spec.config?.objects ?? []));
  // The graph's "no traffic" warning is for a picture; a list says it with its empty state.
  warnings.push(...graph.warnings.filter((w) => !w.startsWith('No traffic in ')));
  return { kind: spec.kind, namespaces: spec.namespaces, durationSec: spec.durationSec, timestamp: graph.timestamp, rows, warnings };
}
