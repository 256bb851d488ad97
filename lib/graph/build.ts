/**
 * Prometheus vectors → Graph {nodes, edges}: a pure pipeline.
 *   1. resolve every row to graph endpoints (source node, optional injected service node, destination),
 *   2. accumulate request codes / flags / TCP bytes / duration buckets / mTLS rates per edge,
 *   3. finish edges (rps, error ratio, % of source, quantiles, mTLS %),
 *   4. node traffic and health (health.ts, the one shared rule),
 *   5. flags: gateway, root, outside the selected namespaces.
 * Rows come from queries.ts; one row is one request stream counted once (see the reporter rule there).
 */
import { DEFAULT_HEALTH_CONFIG, type HealthConfig, type Protocol } from '../health/rules';
import type { Labels, VectorSample } from '../prometheus/types';
import { BucketTable, NO_QUANTILES, type BucketAcc } from './bucket-table';
import { CodeRates } from './code-rates';
import { edgeHealth, nodeHealth, type RatesByProtocol } from './health';
import { gatewayKind, get, isClusterService, isErrorCode, isUnknown, protocolOf, serviceNode, UNKNOWN, UNKNOWN_DEST, UNKNOWN_SOURCE, workloadNode, effectiveCode, type NodeSpec } from './endpoints';
import { IdentityDecoder } from './identity';
import type { ExternalKind, GatewayKind, Graph, GraphEdge, GraphNode, GraphOptions, ResponseRate } from './types';

export interface GraphVectors {
  requests: VectorSample[];
  tcpSent: VectorSample[];
  tcpReceived: VectorSample[];
  durationBuckets: VectorSample[];
  mtls: VectorSample[];
}

export interface BuildOptions extends GraphOptions {
  health?: HealthConfig;
  /** Hosts known to be ServiceEntries (from the configuration), to name external nodes. */
  serviceEntryHosts?: ReadonlySet<string>;
}

/**
 * The graph edges one identity (a row's labels without code, flag, `le` or security policy) contributes
 * to: source → destination, or source → service → destination around an injected service node.
 */
interface Route {
  /** destination_workload and source_workload ("" when absent). */
  dw: string;
  sw: string;
  /** The nine other identity labels, as the route was made from. */
  ids: Array<string | undefined>;
  source: NodeSpec;
  service: NodeSpec | undefined;
  dest: NodeSpec;
  /** The hops' edge accumulators per protocol, once they exist. */
  edges?: Partial<Record<Protocol, EdgeAcc[]>>;
}

interface EdgeAcc {
  id: string;
  source: string;
  target: string;
  protocol: Protocol;
  /** Code → rate, as parallel arrays in first-seen order (records are made once, for the output). */
  codes: CodeRates;
  /** Response flags → rate, per entry of `codes`. */
  flags: Array<Record<string, number>>;
  /** destination_service hosts seen (usually one). */
  hosts: string[];
  tcpSent: number;
  tcpReceived: number;
  buckets?: BucketAcc;
  mtls: number;
  mtlsTotal: number;
}

export class GraphBuilder {
  private readonly opts: BuildOptions;
  /** Workload key → service name → rate, from rows that reached the workload (for the service graph). */
  private readonly workloadServices = new Map<string, Map<string, number>>();
  private readonly nodes = new Map<string, NodeSpec>();
  private readonly edges = new Map<string, EdgeAcc>();
  private readonly gatewayHints = new Map<string, GatewayKind>();
  /** Rows' identity labels (one object per hop when the queries joined them). */
  private readonly identities = new IdentityDecoder();

  constructor(opts: BuildOptions) {
    this.opts = opts;
  }

  /** Pass 1 for the service graph: which service fronts each workload (the busiest one). */
  learnWorkloadServices(rows: VectorSample[]): void {
    for (const row of rows) {
      const m = this.identities.of(row.metric);
      if (m === undefined) continue;
      const value = row.value;
      const wl = get(m, 'destination_workload');
      const svc = get(m, 'destination_service_name');
      if (isUnknown(wl) || isUnknown(svc)) continue;
      const key = `${get(m, 'destination_workload_namespace')}/${wl}`;
      let byService = this.workloadServices.get(key);
      if (!byService) this.workloadServices.set(key, (byService = new Map()));
      const svcKey = `${get(m, 'destination_service_namespace')}/${svc}`;
      byService.set(svcKey, (byService.get(svcKey) ?? 0) + (Number.isFinite(value) ? value : 0));
    }
  }

  private serviceOfWorkload(ns: string, workload: string): { ns: string; name: string } | undefined {
    const byService = this.workloadServices.get(`${ns}/${workload}`);
    if (!byService) return undefined;
    let best: string | undefined;
    let bestRate = -1;
    for (const [svc, rate] of byService) {
      if (rate > bestRate || (rate === bestRate && best !== undefined && svc < best)) {
        best = svc;
        bestRate = rate;
      }
    }
    if (!best) return undefined;
    const [sns = '', name = ''] = best.split('/');
    return { ns: sns, name };
  }

  private sourceNode(m: Labels): NodeSpec {
    const ns = get(m, 'source_workload_namespace');
    const wl = get(m, 'source_workload');
    if (isUnknown(wl) && isUnknown(ns)) return UNKNOWN_SOURCE;
    if (isUnknown(wl)) return UNKNOWN_SOURCE;
    const app = get(m, 'source_canonical_service');
    let spec: NodeSpec | undefined;
    if (this.opts.graphType === 'service') {
      const svc = this.serviceOfWorkload(ns, wl);
      if (svc) spec = serviceNode(svc.ns, svc.name, false);
    }
    spec ??= workloadNode(this.opts.graphType === 'service' ? 'workload' : this.opts.graphType, ns, wl, app, get(m, 'source_canonical_revision'));
    const gateway = gatewayKind(app, wl);
    if (gateway && spec.nodeType !== 'service') this.gatewayHints.set(spec.id, gateway);
    return spec;
  }

  /** Destination side of a row: [service node or undefined, final node]. */
  private destination(m: Labels): { service?: NodeSpec; dest: NodeSpec } {
    const svcName = get(m, 'destination_service_name');
    const svcNs = get(m, 'destination_service_namespace');
    const host = get(m, 'destination_service');
    const wl = get(m, 'destination_workload');
    const wlNs = get(m, 'destination_workload_namespace');
    if (svcName === 'PassthroughCluster' || svcName === 'BlackHoleCluster') {
      const kind: ExternalKind = svcName === 'PassthroughCluster' ? 'passthrough' : 'blackhole';
      return { dest: { id: `ext:${svcName}`, nodeType: 'external', namespace: '', workload: '', app: '', version: '', service: svcName, isExternal: kind } };
    }
    if (isUnknown(wl)) {
      if (isUnknown(svcName) && isUnknown(host)) return { dest: UNKNOWN_DEST };
      const known = this.opts.serviceEntryHosts?.has(host) ?? false;
      if (known || (!isUnknown(host) && !isClusterService(host, svcName, svcNs) && !host.includes('.svc.'))) {
        return { dest: { id: `ext:${host}`, nodeType: 'external', namespace: isUnknown(svcNs) ? '' : svcNs, workload: '', app: '', version: '', service: svcName, isExternal: 'serviceEntry', host } };
      }
      return { dest: serviceNode(isUnknown(svcNs) ? wlNs : svcNs, svcName, false) };
    }
    if (this.opts.graphType === 'service') {
      if (isUnknown(svcName)) return { dest: workloadNode('workload', wlNs, wl, get(m, 'destination_canonical_service'), get(m, 'destination_canonical_revision')) };
      return { dest: serviceNode(svcNs, svcName, false) };
    }
    const dest = workloadNode(this.opts.graphType, wlNs, wl, get(m, 'destination_canonical_service'), get(m, 'destination_canonical_revision'));
    const gateway = gatewayKind(get(m, 'destination_canonical_service'), wl);
    if (gateway) this.gatewayHints.set(dest.id, gateway);
    if (this.opts.injectServiceNodes && !isUnknown(svcName) && !isUnknown(svcNs)) {
      return { service: serviceNode(svcNs, svcName, true), dest };
    }
    return { dest };
  }

  /**
   * Routes by identity labels. A row usually has the previous row's route (bucket rows of one series
   * group come together): that is checked first, by comparing the eleven labels with the route's.
   * Otherwise the routes of the same destination and source workload are searched (one key string
   * per search, not per row, which matters with ~100k duration-bucket rows).
   */
  private readonly routeIndex = new Map<string, Route[]>();
  /** The route of the previous row: bucket rows of one series group often come one after another. */
  private lastRoute: Route | undefined;
  /** The labels object the last route was looked up for (shared by a hop's rows when joined). */
  private lastLabels: Labels | undefined;
  private lastDw = '';
  private lastSw = '';

  private route(m: Labels): Route {
    if (m === this.lastLabels && this.lastRoute !== undefined) return this.lastRoute;
    const dw = m.destination_workload ?? '';
    const sw = m.source_workload ?? '';
    const a = m.destination_workload_namespace;
    const b = m.source_workload_namespace;
    const c = m.destination_service_name;
    const d = m.destination_service_namespace;
    const e = m.destination_service;
    const f = m.destination_canonical_service;
    const g = m.destination_canonical_revision;
    const h = m.source_canonical_service;
    const i = m.source_canonical_revision;
    const last = this.lastRoute;
    if (last !== undefined && this.lastDw === dw && this.lastSw === sw) {
      const o = last.ids;
      if (o[0] === a && o[1] === b && o[2] === c && o[3] === d && o[4] === e && o[5] === f && o[6] === g && o[7] === h && o[8] === i) return last;
    }
    // One short-lived key string per lookup (cheap garbage) instead of a Map per pair (live data the
    // collector copies); the key only narrows the search, the comparison below decides.
    const key = `${dw}\u0000${sw}`;
    const list = this.routeIndex.get(key);
    let route: Route | undefined;
    if (list !== undefined) {
      for (let k = 0; k < list.length && route === undefined; k++) {
        const r = list[k] as Route;
        const o = r.ids;
        if (r.dw === dw && r.sw === sw && o[0] === a && o[1] === b && o[2] === c && o[3] === d && o[4] === e && o[5] === f && o[6] === g && o[7] === h && o[8] === i) route = r;
      }
    }
    if (route === undefined) {
      // `undefined` (label absent) is kept as is: it only equals another absent label.
      route = this.routeUncached(m, dw, sw, [a, b, c, d, e, f, g, h, i]);
      if (list === undefined) this.routeIndex.set(key, [route]);
      else list.push(route);
    }
    this.lastDw = dw;
    this.lastSw = sw;
    this.lastRoute = route;
    this.lastLabels = m;
    return route;
  }

  private routeUncached(m: Labels, dw: string, sw: string, ids: Array<string | undefined>): Route {
    const source = this.known(this.sourceNode(m));
    const { service, dest } = this.destination(m);
    return { dw, sw, ids, source, service: service && this.known(service), dest: this.known(dest) };
  }

  /** The spec already made for this node id, if any (one object per node however many routes reach it). */
  private known(spec: NodeSpec): NodeSpec {
    return this.specs.get(spec.id) ?? (this.specs.set(spec.id, spec), spec);
  }

  private readonly specs = new Map<string, NodeSpec>();

  private node(spec: NodeSpec): void {
    if (!this.nodes.has(spec.id)) this.nodes.set(spec.id, spec);
  }

  private edge(source: NodeSpec, target: NodeSpec, protocol: Protocol, create: boolean): EdgeAcc | undefined {
    const id = `${source.id}>${target.id}>${protocol}`;
    let e = this.edges.get(id);
    if (!e && create) {
      this.node(source);
      this.node(target);
      e = { id, source: source.id, target: target.id, protocol, codes: new CodeRates(), flags: [], hosts: [], tcpSent: 0, tcpReceived: 0, mtls: 0, mtlsTotal: 0 };
      this.edges.set(id, e);
    }
    return e;
  }

  /** The accumulators of a route's hops for one protocol (created when `create`), cached on the route. */
  private routeEdges(route: Route, protocol: Protocol, create: boolean): Array<EdgeAcc | undefined> {
    // The fast path holds no closure: a closure over the parameters would allocate a context on every call.
    return route.edges?.[protocol] ?? this.resolveRouteEdges(route, protocol, create);
  }

  private resolveRouteEdges(route: Route, protocol: Protocol, create: boolean): Array<EdgeAcc | undefined> {
    const list = route.service
      ? [this.edge(route.source, route.service, protocol, create), this.edge(route.service, route.dest, protocol, create)]
      : [this.edge(route.source, route.dest, protocol, create)];
    if (list.every((e) => e !== undefined)) (route.edges ??= {})[protocol] = list as EdgeAcc[];
    return list;
  }

  addRequests(rows: VectorSample[]): void {
    for (const row of rows) {
      const value = row.value;
      const m = row.metric;
      const id = this.identities.of(m);
      if (id === undefined || !Number.isFinite(value)) continue;
      const protocol = protocolOf(id, 'http');
      const code = effectiveCode(m, protocol);
      const flag = get(m, 'response_flags') || '-';
      const host = get(id, 'destination_service');
      for (const acc of this.routeEdges(this.route(id), protocol, true)) {
        const e = acc as EdgeAcc;
        const i = e.codes.index(code);
        e.codes.vals[i] = (e.codes.vals[i] as number) + value;
        const byFlag = e.flags[i] ?? newFlagRates(e, i);
        byFlag[flag] = (byFlag[flag] ?? 0) + value;
        if (host && host !== UNKNOWN) addHost(e, host);
      }
    }
  }

  addTcp(rows: VectorSample[], direction: 'sent' | 'received'): void {
    for (const row of rows) {
      const value = row.value;
      const id = this.identities.of(row.metric);
      if (id === undefined || !Number.isFinite(value)) continue;
      const host = get(id, 'destination_service');
      for (const acc of this.routeEdges(this.route(id), 'tcp', true)) {
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
      const id = this.identities.of(m);
      if (slot < 0 || id === undefined) continue;
      const edges = this.routeEdges(this.route(id), protocolOf(id, 'http'), false);
      for (let k = 0; k < edges.length; k++) {
        const e = edges[k];
        if (!e) continue;
        table.add((e.buckets ??= table.create()), slot, value);
      }
    }
  }

  addMtls(rows: VectorSample[]): void {
    for (const row of rows) {
      const value = row.value;
      const id = this.identities.of(row.metric);
      if (id === undefined || !Number.isFinite(value)) continue;
      const protocol = protocolOf(id, 'http');
      const secure = get(row.metric, 'connection_security_policy') === 'mutual_tls';
      for (const e of this.routeEdges(this.route(id), protocol, false)) {
        if (!e) continue;
        e.mtlsTotal += value;
        if (secure) e.mtls += value;
      }
    }
  }

  finish(): Graph {
    const health = this.opts.health ?? DEFAULT_HEALTH_CONFIG;
    const table = this.bucketTable;
    const accs = new Map<string, NodeAcc>();
    for (const spec of this.nodes.values()) accs.set(spec.id, newNodeAcc(spec));

    for (const e of this.edges.values()) {
      const src = accs.get(e.source) as NodeAcc;
      if (e.protocol === 'tcp') src.outTcp += e.tcpSent + e.tcpReceived;
      else src.outReq += e.codes.total();
    }

    const edges: GraphEdge[] = [];
    /** The CodeRates behind edges[i].codes. */
    const edgeRates: CodeRates[] = [];
    for (const e of this.edges.values()) {
      const src = accs.get(e.source) as NodeAcc;
      const dst = accs.get(e.target) as NodeAcc;
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
      if (e.buckets !== undefined && e.protocol !== 'tcp') table.merge((dst.inBuckets ??= table.create()), e.buckets);
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
        hosts: e.hosts.length > 1 ? [...e.hosts].sort() : e.hosts,
      };
      if (e.protocol === 'tcp') {
        edge.tcpSentBps = e.tcpSent;
        edge.tcpReceivedBps = e.tcpReceived;
      }
      edges.push(edge);
      edgeRates.push(e.codes);
      if (rps > 0) {
        src.outgoing = true;
        dst.incoming = true;
      }
    }
    this.nodeTraffic(accs, edges, edgeRates);
    this.nodeFlags(accs, health);
    this.nodeServices(accs, edges);
    const nodes: GraphNode[] = [];
    for (const acc of accs.values()) if (acc.used) nodes.push(acc.node);
    return { nodes, edges };
  }

  /** Node traffic from the node's own edges, in edge order. */
  private nodeTraffic(accs: Map<string, NodeAcc>, edges: GraphEdge[], edgeRates: CodeRates[]): void {
    for (let k = 0; k < edges.length; k++) {
      const edge = edges[k] as GraphEdge;
      const src = accs.get(edge.source) as NodeAcc;
      const dst = accs.get(edge.target) as NodeAcc;
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
      const rates = edgeRates[k] as CodeRates;
      ratesFor((dst.inCodes ??= new Map()), edge.protocol).addAll(rates);
      ratesFor((src.outCodes ??= new Map()), edge.protocol).addAll(rates);
    }
  }

  /** Error ratios, inbound quantiles, the shared health rule, and the root / outside / gateway flags. */
  private nodeFlags(accs: Map<string, NodeAcc>, health: HealthConfig): void {
    const selected = new Set(this.opts.namespaces);
    const table = this.bucketTable;
    for (const acc of accs.values()) {
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
      const gw = this.gatewayHints.get(node.id);
      if (gw) node.isGateway = gw;
    }
  }

  /** Workload-ish nodes learn their service (for links and config badges). */
  private nodeServices(accs: Map<string, NodeAcc>, edges: GraphEdge[]): void {
    for (const edge of edges) {
      const src = (accs.get(edge.source) as NodeAcc).node;
      const dst = (accs.get(edge.target) as NodeAcc).node;
      if (src.nodeType === 'service' && src.isInjected && dst.service === '' && dst.nodeType !== 'service') dst.service = src.service;
    }
    if (this.opts.injectServiceNodes) return;
    for (const { node } of accs.values()) {
      if (node.service !== '' || node.workload === '' || node.nodeType === 'service') continue;
      const svc = this.serviceOfWorkload(node.namespace, node.workload);
      if (svc) node.service = svc.name;
    }
  }
}

/** A node while the graph is finished: the output node and what its edges add up to. */
interface NodeAcc {
  node: GraphNode;
  /** Request / TCP rate of all its outgoing edges (for % of source). */
  outReq: number;
  outTcp: number;
  inBuckets?: BucketAcc;
  inCodes?: RatesByProtocol;
  outCodes?: RatesByProtocol;
  incoming: boolean;
  outgoing: boolean;
  /** An edge kept in the output touches it. */
  used: boolean;
}

function newNodeAcc(spec: NodeSpec): NodeAcc {
  const node: GraphNode = {
    ...spec,
    health: 'idle',
    traffic: { inRps: 0, outRps: 0, inErrorRate: 0, outErrorRate: 0, inP50: null, inP95: null, inP99: null, tcpInBps: 0, tcpOutBps: 0 },
  };
  return { node, outReq: 0, outTcp: 0, incoming: false, outgoing: false, used: false };
}

/** The flag → rate record of code entry `i` (a literal for the first: push() would reserve 16 slots). */
function newFlagRates(e: EdgeAcc, i: number): Record<string, number> {
  const byFlag: Record<string, number> = {};
  if (i === 0 && e.flags.length === 0) e.flags = [byFlag];
  else e.flags[i] = byFlag;
  return byFlag;
}

function addHost(e: EdgeAcc, host: string): void {
  if (e.hosts.length === 0) e.hosts = [host];
  else if (!e.hosts.includes(host)) e.hosts.push(host);
}

function ratesFor(byProtocol: RatesByProtocol, protocol: Protocol): CodeRates {
  let rates = byProtocol.get(protocol);
  if (!rates) byProtocol.set(protocol, (rates = new CodeRates()));
  return rates;
}

/** The edge's rates by code (in enumeration order) and flag, as the API returns them. */
function responseRates(e: EdgeAcc): ResponseRate[] {
  const out: ResponseRate[] = [];
  const order = e.codes.order();
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const code = e.codes.keys[i] as string;
    const byFlag = e.flags[i];
    for (const flag in byFlag) out.push({ code, flag, rps: byFlag[flag] as number });
  }
  return out;
}

/** Builds the graph from the five query results. Pure: same vectors and options, same graph. */
export function buildGraph(vectors: GraphVectors, options: BuildOptions): Graph {
  const b = new GraphBuilder(options);
  if (options.graphType === 'service' || !options.injectServiceNodes) {
    b.learnWorkloadServices(vectors.requests);
    b.learnWorkloadServices(vectors.tcpSent);
    b.learnWorkloadServices(vectors.tcpReceived);
  }
  b.addRequests(vectors.requests);
  b.addTcp(vectors.tcpSent, 'sent');
  b.addTcp(vectors.tcpReceived, 'received');
  b.addDurationBuckets(vectors.durationBuckets);
  b.addMtls(vectors.mtls);
  return b.finish();
}
