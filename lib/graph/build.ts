/**
 * Prometheus vectors → Graph {nodes, edges}: a pure pipeline.
 *   1. resolve every row to graph endpoints (source node, optional injected service node, destination:
 *      routes.ts),
 *   2. accumulate request codes / flags / TCP bytes / duration buckets / mTLS rates per edge,
 *   3. finish edges (rps, error ratio, % of source, quantiles, mTLS %),
 *   4. node traffic and health (health.ts, the one shared rule),
 *   5. flags: gateway, root, outside the selected namespaces.
 * Rows come from queries.ts; one row is one request stream counted once (see the reporter rule there).
 */
import { DEFAULT_HEALTH_CONFIG, type HealthConfig, type Protocol } from '../health/rules';
import type { VectorSample } from '../prometheus/types';
import { BucketTable, NO_BUCKETS, NO_QUANTILES, type BucketAcc } from './bucket-table';
import { CodeRates } from './code-rates';
import { edgeHealth, nodeHealth, type RatesByProtocol } from './health';
import { effectiveCode, get, isErrorCode, UNKNOWN, type NodeSpec } from './endpoints';
import { RouteResolver, type Route, type RouteOptions } from './routes';
import { keepShapeOf } from './shapes';
import type { Graph, GraphEdge, GraphNode, ResponseRate } from './types';

export interface GraphVectors {
  requests: VectorSample[];
  tcpSent: VectorSample[];
  tcpReceived: VectorSample[];
  durationBuckets: VectorSample[];
  mtls: VectorSample[];
}

export interface BuildOptions extends RouteOptions {
  health?: HealthConfig;
}

/**
 * An edge while the graph is built. Every field is set when it is made (none is added later), as for
 * NodeAcc and the output nodes and edges: objects that grow a property get a shape of their own, that
 * shape dies with the graph, and the next full collection throws away the optimized code that was
 * checking for it, so the next graph would be built by the interpreter again.
 */
interface EdgeAcc {
  id: string;
  source: string;
  target: string;
  src: NodeAcc;
  dst: NodeAcc;
  protocol: Protocol;
  /** Code → rate, as parallel arrays in first-seen order (records are made once, for the output). */
  codes: CodeRates;
  /** Rates by (code, response flag): the entry of `codes`, the flag and the rate, as parallel arrays. */
  flagCode: number[];
  flagName: string[];
  flagRate: number[];
  /** destination_service hosts seen (usually one). */
  hosts: string[];
  tcpSent: number;
  tcpReceived: number;
  buckets: BucketAcc;
  mtls: number;
  mtlsTotal: number;
}

export class GraphBuilder {
  private readonly opts: BuildOptions;
  /** Nodes by id, in the order first seen (the output order). */
  private readonly nodes = new Map<string, NodeAcc>();
  private readonly edges = new Map<string, EdgeAcc>();
  private readonly routes: RouteResolver<EdgeAcc>;

  constructor(opts: BuildOptions) {
    this.opts = opts;
    this.routes = new RouteResolver(opts);
  }

  /** Pass 1 for the service graph: which service fronts each workload (routes.ts; other graphs learn it from the routes). */
  learnWorkloadServices(rows: VectorSample[]): void {
    this.routes.learnWorkloadServices(rows);
  }

  private node(spec: NodeSpec): NodeAcc {
    let acc = this.nodes.get(spec.id);
    if (acc === undefined) this.nodes.set(spec.id, (acc = newNodeAcc(spec)));
    return acc;
  }

  private edge(source: NodeSpec, target: NodeSpec, protocol: Protocol, create: boolean): EdgeAcc | undefined {
    const id = `${source.id}>${target.id}>${protocol}`;
    let e = this.edges.get(id);
    if (!e && create) {
      const src = this.node(source);
      const dst = this.node(target);
      e = { id, source: source.id, target: target.id, src, dst, protocol, codes: new CodeRates(), flagCode: [], flagName: [], flagRate: [], hosts: [], tcpSent: 0, tcpReceived: 0, buckets: NO_BUCKETS, mtls: 0, mtlsTotal: 0 };
      this.edges.set(id, e);
    }
    return e;
  }

  /** The accumulators of a route's hops for one protocol (created when `create`), cached on the route. */
  private routeEdges(route: Route<EdgeAcc>, protocol: Protocol, create: boolean): Array<EdgeAcc | undefined> {
    // The fast path holds no closure: a closure over the parameters would allocate a context on every call.
    return route.edges?.[protocol] ?? this.resolveRouteEdges(route, protocol, create);
  }

  private resolveRouteEdges(route: Route<EdgeAcc>, protocol: Protocol, create: boolean): Array<EdgeAcc | undefined> {
    const list = route.service
      ? [this.edge(route.source, route.service, protocol, create), this.edge(route.service, route.dest, protocol, create)]
      : [this.edge(route.source, route.dest, protocol, create)];
    // A loop, not every(): its callback would be a closure made on each call.
    let complete = true;
    for (let k = 0; k < list.length; k++) if (list[k] === undefined) complete = false;
    if (complete) (route.edges ??= { http: undefined, grpc: undefined, tcp: undefined })[protocol] = list as EdgeAcc[];
    return list;
  }

  addRequests(rows: VectorSample[]): void {
    for (const row of rows) {
      const value = row.value;
      const m = row.metric;
      if (!Number.isFinite(value)) continue;
      const route = this.routes.routeOfRow(m);
      if (route === undefined) continue;
      const protocol = route.protocol;
      const code = effectiveCode(m, protocol);
      const flag = get(m, 'response_flags') || '-';
      const host = route.host;
      this.routes.countTraffic(route, value);
      for (const acc of this.routeEdges(route, protocol, true)) {
        const e = acc as EdgeAcc;
        const i = e.codes.index(code);
        e.codes.vals[i] = (e.codes.vals[i] as number) + value;
        addFlagRate(e, i, flag, value);
        if (host && host !== UNKNOWN) addHost(e, host);
      }
    }
  }

  addTcp(rows: VectorSample[], direction: 'sent' | 'received'): void {
    for (const row of rows) {
      const value = row.value;
      if (!Number.isFinite(value)) continue;
      const route = this.routes.routeOfRow(row.metric);
      if (route === undefined) continue;
      const host = route.host;
      this.routes.countTraffic(route, value);
      for (const acc of this.routeEdges(route, 'tcp', true)) {
        const e = acc as EdgeAcc;
        if (direction === 'sent') e.tcpSent += value;
        else e.tcpReceived += value;
        if (host && host !== UNKNOWN) addHost(e, host);
      }
    }
  }

  private readonly bucketTable = new BucketTable();

  addDurationBuckets(rows: VectorSample[]): void {
    const table = this.bucketTable;
    // One histogram per edge and one per node's inbound traffic, at most: allocate them once.
    table.reserve(this.edges.size + this.nodes.size);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as VectorSample;
      const value = row.value;
      if (!Number.isFinite(value)) continue;
      const m = row.metric;
      const slot = table.slot(m.le ?? '');
      if (slot < 0) continue;
      const route = this.routes.routeOfRow(m);
      if (route === undefined) continue;
      const edges = this.routeEdges(route, route.protocol, false);
      for (let k = 0; k < edges.length; k++) {
        const e = edges[k];
        if (!e) continue;
        if (e.buckets === NO_BUCKETS) e.buckets = table.create();
        table.add(e.buckets, slot, value);
      }
    }
  }

  addMtls(rows: VectorSample[]): void {
    for (const row of rows) {
      const value = row.value;
      if (!Number.isFinite(value)) continue;
      const route = this.routes.routeOfRow(row.metric);
      if (route === undefined) continue;
      const secure = get(row.metric, 'connection_security_policy') === 'mutual_tls';
      for (const e of this.routeEdges(route, route.protocol, false)) {
        if (!e) continue;
        e.mtlsTotal += value;
        if (secure) e.mtls += value;
      }
    }
  }

  finish(): Graph {
    const health = this.opts.health ?? DEFAULT_HEALTH_CONFIG;
    const table = this.bucketTable;
    for (const e of this.edges.values()) {
      const src = e.src;
      if (e.protocol === 'tcp') src.outTcp += e.tcpSent + e.tcpReceived;
      else src.outReq += e.codes.total();
    }

    const edges: GraphEdge[] = [];
    /** The accumulator behind edges[i]. */
    const kept: EdgeAcc[] = [];
    for (const e of this.edges.values()) {
      const src = e.src;
      const dst = e.dst;
      let rps: number;
      let errors = 0;
      if (e.protocol === 'tcp') {
        rps = e.tcpSent + e.tcpReceived;
      } else {
        rps = 0;
        const { keys, vals } = e.codes;
        const order = e.codes.order();
        for (let k = 0; k < order.length; k++) {
          const i = order[k] as number;
          const v = vals[i] as number;
          rps += v;
          if (isErrorCode(e.protocol, keys[i] as string)) errors += v;
        }
      }
      if (!this.opts.idleEdges && !(rps > 0)) continue;
      const sourceTotal = e.protocol === 'tcp' ? src.outTcp : src.outReq;
      const q = e.protocol === 'tcp' ? NO_QUANTILES : table.quantiles(e.buckets);
      if (e.buckets !== NO_BUCKETS && e.protocol !== 'tcp') {
        if (dst.inBuckets === NO_BUCKETS) dst.inBuckets = table.create();
        table.merge(dst.inBuckets, e.buckets);
      }
      const edge: GraphEdge = {
        id: e.id,
        source: e.source,
        target: e.target,
        protocol: e.protocol,
        rps,
        percentOfSource: sourceTotal > 0 ? (rps / sourceTotal) * 100 : 0,
        errorRate: rps > 0 && e.protocol !== 'tcp' ? errors / rps : 0,
        p50: q.p50,
        p95: q.p95,
        p99: q.p99,
        mtlsPercent: e.mtlsTotal > 0 ? (e.mtls / e.mtlsTotal) * 100 : null,
        health: edgeHealth(e.protocol, e.codes, rps, src.node, dst.node, health),
        responses: responseRates(e),
        // Undefined (left out of the JSON) but present, so TCP and request edges share one shape.
        tcpSentBps: e.protocol === 'tcp' ? e.tcpSent : undefined,
        tcpReceivedBps: e.protocol === 'tcp' ? e.tcpReceived : undefined,
        hosts: e.hosts.length > 1 ? [...e.hosts].sort() : e.hosts,
      };
      edges.push(edge);
      kept.push(e);
      if (rps > 0) {
        src.outgoing = true;
        dst.incoming = true;
      }
    }
    nodeTraffic(edges, kept);
    this.nodeFlags(health);
    this.nodeServices(kept);
    const nodes: GraphNode[] = [];
    for (const acc of this.nodes.values()) if (acc.used) nodes.push(acc.node);
    return { nodes, edges };
  }

  /** Error ratios, inbound quantiles, the shared health rule, and the root / outside / gateway flags. */
  private nodeFlags(health: HealthConfig): void {
    const selected = new Set(this.opts.namespaces);
    const table = this.bucketTable;
    for (const acc of this.nodes.values()) {
      const node = acc.node;
      const t = node.traffic;
      t.inErrorRate = t.inRps > 0 ? t.inErrorRate / t.inRps : 0;
      t.outErrorRate = t.outRps > 0 ? t.outErrorRate / t.outRps : 0;
      const q = table.quantiles(acc.inBuckets);
      t.inP50 = q.p50;
      t.inP95 = q.p95;
      t.inP99 = q.p99;
      node.health = nodeHealth(node, acc.inCodes, acc.outCodes, t.tcpInBps + t.tcpOutBps, health);
      if (node.nodeType !== 'unknown' && node.nodeType !== 'external' && node.namespace !== '' && !selected.has(node.namespace)) node.isOutside = true;
      if (acc.outgoing && !acc.incoming) node.isRoot = true;
      const gw = this.routes.gatewayHints.get(node.id);
      if (gw) node.isGateway = gw;
    }
  }

  /** Workload-ish nodes learn their service (for links and config badges). */
  private nodeServices(kept: EdgeAcc[]): void {
    for (let k = 0; k < kept.length; k++) {
      const { src: { node: src }, dst: { node: dst } } = kept[k] as EdgeAcc;
      if (src.nodeType === 'service' && src.isInjected && dst.service === '' && dst.nodeType !== 'service') dst.service = src.service;
    }
    if (this.opts.injectServiceNodes) return;
    for (const { node } of this.nodes.values()) {
      if (node.service !== '' || node.workload === '' || node.nodeType === 'service' || node.nodeType === 'unknown') continue;
      const svc = this.routes.serviceOfWorkload(node.namespace, node.workload);
      if (svc) node.service = svc.name;
    }
  }
}

/** Node traffic from the node's own edges, in edge order (`kept[k]`: the accumulator behind edges[k]). */
function nodeTraffic(edges: GraphEdge[], kept: EdgeAcc[]): void {
  for (let k = 0; k < edges.length; k++) {
    const edge = edges[k] as GraphEdge;
    const { src, dst, codes: rates } = kept[k] as EdgeAcc;
    src.used = true;
    dst.used = true;
    const st = src.node.traffic;
    const dt = dst.node.traffic;
    if (edge.protocol === 'tcp') {
      st.tcpOutBps += edge.rps;
      dt.tcpInBps += edge.rps;
      continue;
    }
    st.outRps += edge.rps;
    dt.inRps += edge.rps;
    st.outErrorRate += edge.errorRate * edge.rps;
    dt.inErrorRate += edge.errorRate * edge.rps;
    ratesFor((dst.inCodes ??= noRates()), edge.protocol).addAll(rates);
    ratesFor((src.outCodes ??= noRates()), edge.protocol).addAll(rates);
  }
}

/** A node while the graph is built: the output node and what its edges add up to. */
interface NodeAcc {
  node: GraphNode;
  /** Request / TCP rate of all its outgoing edges (for % of source). */
  outReq: number;
  outTcp: number;
  inBuckets: BucketAcc;
  inCodes: RatesByProtocol | undefined;
  outCodes: RatesByProtocol | undefined;
  incoming: boolean;
  outgoing: boolean;
  /** An edge kept in the output touches it. */
  used: boolean;
}

/** The output node with every field present (undefined ones are left out of the JSON), see EdgeAcc. */
function newNodeAcc(spec: NodeSpec): NodeAcc {
  const node: GraphNode = {
    id: spec.id,
    nodeType: spec.nodeType,
    namespace: spec.namespace,
    workload: spec.workload,
    app: spec.app,
    version: spec.version,
    service: spec.service,
    health: 'idle',
    traffic: { inRps: 0, outRps: 0, inErrorRate: 0, outErrorRate: 0, inP50: null, inP95: null, inP99: null, tcpInBps: 0, tcpOutBps: 0 },
    isGateway: undefined,
    isExternal: spec.isExternal,
    host: spec.host,
    isOutside: undefined,
    isIdle: undefined,
    isRoot: undefined,
    isInjected: spec.isInjected,
    badges: undefined,
  };
  return { node, outReq: 0, outTcp: 0, inBuckets: NO_BUCKETS, inCodes: undefined, outCodes: undefined, incoming: false, outgoing: false, used: false };
}

/** Adds `rate` to (code entry `i`, `flag`); the first entry as literals (push() would reserve 16 slots). */
function addFlagRate(e: EdgeAcc, i: number, flag: string, rate: number): void {
  const codes = e.flagCode;
  const names = e.flagName;
  for (let j = 0; j < codes.length; j++) {
    if (codes[j] === i && names[j] === flag) {
      e.flagRate[j] = (e.flagRate[j] as number) + rate;
      return;
    }
  }
  if (codes.length === 0) {
    e.flagCode = [i];
    e.flagName = [flag];
    e.flagRate = [0 + rate];
  } else {
    codes.push(i);
    names.push(flag);
    e.flagRate.push(0 + rate);
  }
}

function addHost(e: EdgeAcc, host: string): void {
  if (e.hosts.length === 0) e.hosts = [host];
  else if (!e.hosts.includes(host)) e.hosts.push(host);
}

function noRates(): RatesByProtocol {
  return { http: undefined, grpc: undefined, tcp: undefined };
}

function ratesFor(byProtocol: RatesByProtocol, protocol: Protocol): CodeRates {
  return (byProtocol[protocol] ??= new CodeRates());
}

/** The edge's rates by code (in enumeration order) and flag, as the API returns them. */
function responseRates(e: EdgeAcc): ResponseRate[] {
  const out: ResponseRate[] = [];
  const order = e.codes.order();
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const code = e.codes.keys[i] as string;
    for (let j = 0; j < e.flagCode.length; j++) {
      if (e.flagCode[j] === i) out.push({ code, flag: e.flagName[j] as string, rps: e.flagRate[j] as number });
    }
  }
  return out;
}

/**
 * The parts in the order they are added (requests and TCP make the edges; buckets and mTLS only fill
 * edges that exist), each with how it is added. Both builds below follow it.
 */
const PARTS: ReadonlyArray<readonly [keyof GraphVectors, (b: GraphBuilder, rows: VectorSample[]) => void]> = [
  ['requests', (b, rows) => b.addRequests(rows)],
  ['tcpSent', (b, rows) => b.addTcp(rows, 'sent')],
  ['tcpReceived', (b, rows) => b.addTcp(rows, 'received')],
  ['durationBuckets', (b, rows) => b.addDurationBuckets(rows)],
  ['mtls', (b, rows) => b.addMtls(rows)],
];

/** What the service graph learns each workload's service from, before any part is added. */
const LEARNT_FROM: ReadonlyArray<keyof GraphVectors> = ['requests', 'tcpSent', 'tcpReceived'];

/**
 * buildGraph fed as the answers come in: each part is added once it and every part before it are
 * in, so the work on the quick answers overlaps the wait for the slow one (the duration histogram,
 * by far the biggest). Same graph as buildGraph on the same answers.
 */
export async function buildGraphAsAnswered(answer: (part: keyof GraphVectors) => Promise<VectorSample[]>, options: BuildOptions): Promise<Graph> {
  const answers = new Map(PARTS.map(([part]) => [part, answer(part)]));
  // Nothing is left unobserved when an earlier part fails (that part's error is the one thrown).
  for (const pending of answers.values()) pending.catch(() => undefined);
  const rowsOf = (part: keyof GraphVectors) => answers.get(part) as Promise<VectorSample[]>;
  const b = new GraphBuilder(options);
  if (options.graphType === 'service') for (const rows of await Promise.all(LEARNT_FROM.map(rowsOf))) b.learnWorkloadServices(rows);
  for (const [part, add] of PARTS) add(b, await rowsOf(part));
  return b.finish();
}

/** Builds the graph from the five query results. Pure: same vectors and options, same graph. */
export function buildGraph(vectors: GraphVectors, options: BuildOptions): Graph {
  const b = new GraphBuilder(options);
  if (options.graphType === 'service') for (const part of LEARNT_FROM) b.learnWorkloadServices(vectors[part]);
  for (const [part, add] of PARTS) add(b, vectors[part]);
  return b.finish();
}

// The builder's objects all die with the graph it built; their classes' shapes must not (shapes.ts).
keepShapeOf(new GraphBuilder({ graphType: 'workload', namespaces: [], injectServiceNodes: false, idleEdges: false }));
keepShapeOf(new CodeRates());
