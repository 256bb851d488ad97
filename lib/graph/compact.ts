/**
 * The graph in a compact JSON form, for the /graph page (`/api/graph?…&format=compact`). The object
 * form repeats every key name, each edge's id (its source, target and protocol again) and host
 * strings: at 1,000 workloads and 5,000 edges it is 2.2 MB, and the browser spends 55–90 ms just
 * receiving that body (the network service hands it to the page in pieces; how it was compressed
 * makes no difference). Here the same graph is about a third of that:
 *  - a node is an array of its fields in a fixed order, its optional flags and badges in an object
 *    at the end (left out when it has none);
 *  - an edge is an array that names its nodes by their index in `nodes`, its response codes, flags
 *    and hosts by their index in `strings`; its id is left out when it is the usual
 *    `<source>><target>><protocol>`, its TCP byte rates when it is not TCP.
 * Numbers are rounded for the wire afterwards, as the object form's are (toWireJson, wire.ts), and
 * decodeCompactGraph gives back exactly what JSON.parse gives for the object form, so everything
 * after the fetch is the same. Pure.
 */
import type { HealthStatus, Protocol } from '../health/rules';
import type { GraphEdge, GraphNode, GraphResponse, NodeType, ResponseRate } from './types';

export const COMPACT_FORMAT = 'meshscope.graph.compact/1';

/** A node's optional fields, in the order the object form has them (types.ts). */
const NODE_EXTRAS = ['isGateway', 'isExternal', 'host', 'isOutside', 'isIdle', 'isRoot', 'isInjected', 'badges'] as const;
type NodeExtras = Pick<GraphNode, (typeof NODE_EXTRAS)[number]>;

/** id, nodeType, namespace, workload, app, version, service, health, the nine traffic figures, [extras]. */
export type CompactNode = [string, NodeType, string, string, string, string, string, HealthStatus, ...Array<number | null | NodeExtras>];
/**
 * source index, target index, protocol, rps, percentOfSource, errorRate, p50, p95, p99, mtlsPercent,
 * health, responses (code, flag and rps, flattened: string index, string index, number), host string
 * indexes, then only when needed: [tcpSentBps, tcpReceivedBps] (TCP edges) or 0, the id when unusual.
 */
export type CompactEdge = [number, number, Protocol, number, number, number, number | null, number | null, number | null, number | null, HealthStatus, number[], number[], ([number, number] | 0)?, string?];

export interface CompactGraphResponse extends Omit<GraphResponse, 'nodes' | 'edges'> {
  format: typeof COMPACT_FORMAT;
  strings: string[];
  nodes: CompactNode[];
  edges: CompactEdge[];
}

const TRAFFIC = ['inRps', 'outRps', 'inErrorRate', 'outErrorRate', 'inP50', 'inP95', 'inP99', 'tcpInBps', 'tcpOutBps'] as const;
/** Index of the first traffic figure in a CompactNode, and of the extras after them. */
const TRAFFIC_AT = 8;
const EXTRAS_AT = TRAFFIC_AT + TRAFFIC.length;

const usualEdgeId = (source: string, target: string, protocol: string) => `${source}>${target}>${protocol}`;

export function encodeCompactGraph(response: GraphResponse): CompactGraphResponse {
  const { nodes, edges, ...rest } = response;
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const str = (s: string): number => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      stringIndex.set(s, (i = strings.length));
      strings.push(s);
    }
    return i;
  };
  const nodeIndex = new Map<string, number>();
  const compactNodes = nodes.map((n, i): CompactNode => {
    nodeIndex.set(n.id, i);
    const out: CompactNode = [n.id, n.nodeType, n.namespace, n.workload, n.app, n.version, n.service, n.health];
    for (const k of TRAFFIC) out.push(n.traffic[k]);
    let extras: Record<string, unknown> | undefined;
    for (const k of NODE_EXTRAS) if (n[k] !== undefined) (extras ??= {})[k] = n[k];
    if (extras) out.push(extras as NodeExtras);
    return out;
  });
  const compactEdges = edges.map((e): CompactEdge => {
    const source = nodeIndex.get(e.source);
    const target = nodeIndex.get(e.target);
    if (source === undefined || target === undefined) throw new Error(`edge ${e.id} names a node the graph does not have`);
    const responses: number[] = [];
    for (const r of e.responses) responses.push(str(r.code), str(r.flag), r.rps);
    const out: CompactEdge = [
      source, target, e.protocol, e.rps, e.percentOfSource, e.errorRate, e.p50, e.p95, e.p99, e.mtlsPercent, e.health,
      responses, e.hosts.map(str),
    ];
    const tcp: [number, number] | 0 = e.tcpSentBps !== undefined || e.tcpReceivedBps !== undefined ? [e.tcpSentBps ?? 0, e.tcpReceivedBps ?? 0] : 0;
    const unusualId = e.id !== usualEdgeId(e.source, e.target, e.protocol);
    if (tcp !== 0 || unusualId) out.push(tcp);
    if (unusualId) out.push(e.id);
    return out;
  });
  return { format: COMPACT_FORMAT, ...rest, strings, nodes: compactNodes, edges: compactEdges };
}

/** Thrown for a body that is not a compact graph (the caller reports it as an unexpected answer). */
export class CompactGraphError extends Error {
  constructor(message: string) {
    super(`not a compact graph: ${message}`);
    this.name = 'CompactGraphError';
  }
}

function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new CompactGraphError(message);
}

/** The object form of a compact graph (as JSON.parse gives it for `format` unset). */
export function decodeCompactGraph(body: unknown): GraphResponse {
  check(typeof body === 'object' && body !== null, 'not an object');
  const { format, strings, nodes, edges, ...rest } = body as Partial<CompactGraphResponse>;
  check(format === COMPACT_FORMAT, `format ${String(format)}`);
  check(Array.isArray(strings) && Array.isArray(nodes) && Array.isArray(edges), 'strings, nodes and edges must be arrays');
  const string = (i: unknown): string => {
    const s = strings[i as number];
    check(typeof s === 'string', `no string ${String(i)}`);
    return s;
  };
  const outNodes = nodes.map((c): GraphNode => {
    check(Array.isArray(c) && c.length >= EXTRAS_AT && typeof c[0] === 'string', 'a node is not an array of its fields');
    const traffic = {} as GraphNode['traffic'];
    TRAFFIC.forEach((k, j) => {
      (traffic as unknown as Record<string, number | null>)[k] = c[TRAFFIC_AT + j] as number | null;
    });
    const node: GraphNode = {
      id: c[0], nodeType: c[1], namespace: c[2], workload: c[3], app: c[4], version: c[5], service: c[6], health: c[7], traffic,
    };
    const extras = c[EXTRAS_AT];
    if (extras !== undefined) Object.assign(node, extras);
    return node;
  });
  const outEdges = edges.map((c): GraphEdge => {
    check(Array.isArray(c) && c.length >= 13, 'an edge is not an array of its fields');
    const source = outNodes[c[0]]?.id;
    const target = outNodes[c[1]]?.id;
    check(source !== undefined && target !== undefined, `an edge names node ${c[0]} or ${c[1]}, which the graph does not have`);
    const flat = c[11];
    check(Array.isArray(flat) && flat.length % 3 === 0, 'responses must be (code, flag, rps) triples');
    const responses: ResponseRate[] = [];
    for (let k = 0; k < flat.length; k += 3) responses.push({ code: string(flat[k]), flag: string(flat[k + 1]), rps: flat[k + 2] as number });
    check(Array.isArray(c[12]), 'hosts must be an array');
    const edge: GraphEdge = {
      id: c[14] ?? usualEdgeId(source, target, c[2]),
      source, target, protocol: c[2], rps: c[3], percentOfSource: c[4], errorRate: c[5], p50: c[6], p95: c[7], p99: c[8],
      mtlsPercent: c[9], health: c[10], responses,
    } as GraphEdge;
    // Key order as in the object form: the TCP rates (TCP edges only), then the hosts.
    const tcp = c[13];
    if (tcp) {
      edge.tcpSentBps = tcp[0];
      edge.tcpReceivedBps = tcp[1];
    }
    edge.hosts = c[12].map(string);
    return edge;
  });
  return { nodes: outNodes, edges: outEdges, ...(rest as Omit<GraphResponse, 'nodes' | 'edges'>) };
}
