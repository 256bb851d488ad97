/**
 * Step 1 of the graph build (build.ts): a row's identity labels → the graph endpoints it reaches
 * (source node, optional injected service node, destination), one route per identity, found again
 * for every row of the same hop. Also what routing learns on the way: the service fronting each
 * workload (for the service graph) and gateway hints.
 */
import type { Protocol } from '../health/rules';
import type { Labels, VectorSample } from '../prometheus/types';
import { gatewayKind, get, isClusterService, isUnknown, protocolOf, protocolOfLabel, serviceNode, UNKNOWN_DEST, UNKNOWN_SOURCE, versionOf, workloadNode, type NodeSpec } from './endpoints';
import { IDENTITY_LABEL, identityEnds, IdentityDecoder, splitDestinationEnd, splitSourceEnd } from './identity';
import type { ExternalKind, GatewayKind, GraphOptions } from './types';

export interface RouteOptions extends GraphOptions {
  /** Hosts known to be ServiceEntries (from the configuration), to name external nodes. */
  serviceEntryHosts?: ReadonlySet<string>;
}

/**
 * The graph edges one identity (a row's labels without code, flag, `le` or security policy) contributes
 * to: source → destination, or source → service → destination around an injected service node.
 */
export interface Route<E> {
  source: NodeSpec;
  service: NodeSpec | undefined;
  dest: NodeSpec;
  /** request_protocol (http when absent) and destination_service ("" when absent), read once per identity. */
  protocol: Protocol;
  host: string;
  /** The hops' edge accumulators per protocol, once they exist. */
  edges?: Partial<Record<Protocol, E[]>>;
  /** The destination end, shared by every route into it; it adds up their traffic (countTraffic). */
  end: DestinationEnd;
  /** For rows labelled one by one (routeOfLabels compares them): destination_workload, source_workload and the nine other identity labels; empty on routes of a joined identity. */
  dw: string;
  sw: string;
  ids: ReadonlyArray<string | undefined>;
}

/**
 * The destination labels of an identity (the seven from destination_service_namespace to
 * destination_canonical_revision) resolved once: its nodes and host, the workload and service names
 * that learning which service fronts a workload reads, and the request and TCP rate that reached it.
 */
interface DestinationEnd {
  service: NodeSpec | undefined;
  dest: NodeSpec;
  host: string;
  workloadNs: string;
  workload: string;
  serviceNs: string;
  serviceName: string;
  countedRate: number;
  counted: boolean;
}

/** `E`: what the builder caches on a route per protocol (its hops' accumulators). */
export class RouteResolver<E> {
  /** Workload namespace → workload → the services its traffic came through, with their rates (learn()). */
  private readonly workloadServices = new Map<string, Map<string, ServiceRates>>();
  /** Node id → gateway kind, from the rows' canonical service and workload names. */
  readonly gatewayHints = new Map<string, GatewayKind>();

  private readonly opts: RouteOptions;
  /** Decodes joined identities for the service graph's row pass (routing decodes its own, once per end). */
  private readonly identities = new IdentityDecoder();
  /** Every destination end, in the order made. */
  private readonly ends: DestinationEnd[] = [];

  constructor(opts: RouteOptions) {
    this.opts = opts;
  }

  /**
   * Which service fronts each workload (the busiest one), learnt from the request and TCP rows: by a
   * pass over them before routing for the service graph, whose source nodes need it; otherwise from
   * the routes once every row is in (countTraffic), one entry per destination end instead of per row.
   */
  learnWorkloadServices(rows: VectorSample[]): void {
    this.learning = 'rows';
    for (const row of rows) {
      const m = this.identities.of(row.metric);
      if (m === undefined) continue;
      const value = row.value;
      this.learn(get(m, 'destination_workload_namespace'), get(m, 'destination_workload'), get(m, 'destination_service_namespace'), get(m, 'destination_service_name'), Number.isFinite(value) ? value : 0);
    }
  }

  /** A request or TCP row of `route`'s identity, with its finite rate (for learning from routes). */
  countTraffic(route: Route<E>, rate: number): void {
    const end = route.end;
    end.counted = true;
    end.countedRate += rate;
  }

  /** How workload services are learnt: 'rows' once a row pass ran, 'routes' once learnt from routes. */
  private learning: 'none' | 'rows' | 'routes' = 'none';

  private learnFromRoutes(): void {
    this.learning = 'routes';
    for (const end of this.ends) {
      if (end.counted) this.learn(end.workloadNs, end.workload, end.serviceNs, end.serviceName, end.countedRate);
    }
  }

  /** Workload namespace → workload → its services' rates: nested by label value, so no key string is built per row or route. */
  private learn(wlNs: string, wl: string, svcNs: string, svc: string, rate: number): void {
    if (isUnknown(wl) || isUnknown(svc)) return;
    let inNs = this.workloadServices.get(wlNs);
    if (!inNs) this.workloadServices.set(wlNs, (inNs = new Map()));
    const services = inNs.get(wl);
    if (!services) {
      inNs.set(wl, { ns: [svcNs], name: [svc], rate: [0 + rate] });
      return;
    }
    for (let k = 0; k < services.ns.length; k++) {
      if (services.ns[k] === svcNs && services.name[k] === svc) {
        services.rate[k] = (services.rate[k] as number) + rate;
        return;
      }
    }
    services.ns.push(svcNs);
    services.name.push(svc);
    services.rate.push(0 + rate);
  }

  serviceOfWorkload(ns: string, workload: string): { ns: string; name: string } | undefined {
    if (this.learning === 'none') this.learnFromRoutes();
    const services = this.workloadServices.get(ns)?.get(workload);
    if (!services) return undefined;
    // The busiest; on a tie, the first of "namespace/name" in string order.
    let best = 0;
    for (let k = 1; k < services.ns.length; k++) {
      const rate = services.rate[k] as number;
      const bestRate = services.rate[best] as number;
      if (rate > bestRate || (rate === bestRate && `${services.ns[k]}/${services.name[k]}` < `${services.ns[best]}/${services.name[best]}`)) best = k;
    }
    return { ns: services.ns[best] as string, name: services.name[best] as string };
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
    spec ??= this.workloadSpec(this.opts.graphType === 'service' ? 'workload' : this.opts.graphType, ns, wl, app, get(m, 'source_canonical_revision'));
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
      if (isUnknown(svcName)) return { dest: this.workloadSpec('workload', wlNs, wl, get(m, 'destination_canonical_service'), get(m, 'destination_canonical_revision')) };
      return { dest: serviceNode(svcNs, svcName, false) };
    }
    const dest = this.workloadSpec(this.opts.graphType, wlNs, wl, get(m, 'destination_canonical_service'), get(m, 'destination_canonical_revision'));
    const gateway = gatewayKind(get(m, 'destination_canonical_service'), wl);
    if (gateway) this.gatewayHints.set(dest.id, gateway);
    if (this.opts.injectServiceNodes && !isUnknown(svcName) && !isUnknown(svcNs)) {
      return { service: serviceNode(svcNs, svcName, true), dest };
    }
    return { dest };
  }

  /**
   * The route of a row. Rows with the joined identity (identity.ts) are routed by that string: the
   * previous row's first (rows of one hop usually come together), then one lookup, and a new
   * identity is routed once from its two ends (routeOfJoined). Rows labelled one by one are routed by
   * their labels (routeOfLabels). Undefined for a malformed identity (the row is skipped).
   */
  private readonly routeByIdentity = new Map<string, Route<E> | undefined>();
  private lastIdentity: string | undefined;
  /** The route of the previous row with the joined identity. */
  private lastRoute: Route<E> | undefined;

  routeOfRow(metric: Labels): Route<E> | undefined {
    const joined = metric[IDENTITY_LABEL];
    if (joined === undefined) return this.routeOfLabels(metric);
    if (joined === this.lastIdentity) return this.lastRoute;
    let route = this.routeByIdentity.get(joined);
    if (route === undefined && !this.routeByIdentity.has(joined)) {
      route = this.routeOfJoined(joined);
      this.routeByIdentity.set(joined, route);
    }
    this.lastIdentity = joined;
    this.lastRoute = route;
    return route;
  }

  /**
   * A new joined identity's route. Many identities share a source (its first four labels) or a
   * destination (the next seven): each end is found by its part of the string, and only a new end is
   * split into labels and resolved to nodes — about one split per workload instead of one per hop.
   */
  private readonly sourceByKey = new Map<string, NodeSpec>();
  private readonly endByKey = new Map<string, DestinationEnd>();

  private routeOfJoined(joined: string): Route<E> | undefined {
    const ends = identityEnds(joined);
    if (ends === undefined) return undefined;
    let source = this.sourceByKey.get(ends.source);
    if (source === undefined) {
      source = this.known(this.sourceNode(splitSourceEnd(ends.source)));
      this.sourceByKey.set(ends.source, source);
    }
    let end = this.endByKey.get(ends.destination);
    if (end === undefined) {
      end = this.destinationEnd(splitDestinationEnd(ends.destination));
      this.endByKey.set(ends.destination, end);
    }
    return { source, service: end.service, dest: end.dest, protocol: protocolOfLabel(ends.protocol, 'http'), host: end.host, edges: undefined, end, dw: '', sw: '', ids: NO_IDS };
  }

  /** The destination end of these labels (the row's, or the destination part of an identity). */
  private destinationEnd(m: Labels): DestinationEnd {
    const { service, dest } = this.destination(m);
    const end: DestinationEnd = {
      service: service && this.known(service), dest: this.known(dest), host: get(m, 'destination_service'),
      workloadNs: get(m, 'destination_workload_namespace'), workload: get(m, 'destination_workload'),
      serviceNs: get(m, 'destination_service_namespace'), serviceName: get(m, 'destination_service_name'),
      countedRate: 0, counted: false,
    };
    this.ends.push(end);
    return end;
  }

  /**
   * Routes rows labelled one by one: a row usually has the previous row's route (bucket rows of one
   * series group come together), checked by comparing the eleven labels with the route's; otherwise
   * the routes of the same destination and source workload are searched (one key string per search,
   * not per row, which matters with ~100k duration-bucket rows).
   */
  private readonly routeIndex = new Map<string, Route<E>[]>();
  private lastLabelled: Route<E> | undefined;

  private routeOfLabels(m: Labels): Route<E> {
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
    const last = this.lastLabelled;
    if (last !== undefined && last.dw === dw && last.sw === sw) {
      const o = last.ids;
      if (o[0] === a && o[1] === b && o[2] === c && o[3] === d && o[4] === e && o[5] === f && o[6] === g && o[7] === h && o[8] === i) return last;
    }
    // One short-lived key string per lookup (cheap garbage) instead of a Map per pair (live data the
    // collector copies); the key only narrows the search, the comparison below decides.
    const key = `${dw}\u0000${sw}`;
    const list = this.routeIndex.get(key);
    let route: Route<E> | undefined;
    if (list !== undefined) {
      for (let k = 0; k < list.length && route === undefined; k++) {
        const r = list[k] as Route<E>;
        const o = r.ids;
        if (r.dw === dw && r.sw === sw && o[0] === a && o[1] === b && o[2] === c && o[3] === d && o[4] === e && o[5] === f && o[6] === g && o[7] === h && o[8] === i) route = r;
      }
    }
    if (route === undefined) {
      // `undefined` (label absent) is kept as is: it only equals another absent label.
      const source = this.known(this.sourceNode(m));
      const end = this.destinationEnd(m);
      route = { source, service: end.service, dest: end.dest, protocol: protocolOf(m, 'http'), host: end.host, edges: undefined, end, dw, sw, ids: [a, b, c, d, e, f, g, h, i] };
      if (list === undefined) this.routeIndex.set(key, [route]);
      else list.push(route);
    }
    this.lastLabelled = route;
    return route;
  }

  /**
   * The workload, app or versioned-app node of these labels, made once: found by the label value that
   * names it (workload, or app) and compared on the rest of what its id is made of, so that the id
   * string is built, and hashed, only for a new node.
   */
  private workloadSpec(graphType: RouteOptions['graphType'], ns: string, wl: string, app: string, revision: string): NodeSpec {
    const byApp = graphType === 'app' || graphType === 'versionedApp';
    const name = byApp ? (isUnknown(app) ? wl : app) : wl;
    const nodeType = byApp ? graphType : 'workload';
    const version = graphType === 'versionedApp' ? versionOf(revision) : '';
    const list = this.workloadSpecs.get(name);
    if (list !== undefined) {
      for (let k = 0; k < list.length; k++) {
        const s = list[k] as NodeSpec;
        if (s.nodeType === nodeType && s.namespace === ns && (nodeType !== 'versionedApp' || s.version === version)) return s;
      }
    }
    const spec = this.known(workloadNode(graphType, ns, wl, app, revision));
    if (list === undefined) this.workloadSpecs.set(name, [spec]);
    else list.push(spec);
    return spec;
  }

  private readonly workloadSpecs = new Map<string, NodeSpec[]>();

  /** The spec already made for this node id, if any (one object per node however many routes reach it). */
  private known(spec: NodeSpec): NodeSpec {
    return this.specs.get(spec.id) ?? (this.specs.set(spec.id, spec), spec);
  }

  private readonly specs = new Map<string, NodeSpec>();
}

/** A workload's services (namespace, name) and the rate of the traffic that reached it through each, as parallel arrays. */
interface ServiceRates {
  ns: string[];
  name: string[];
  rate: number[];
}

/** Route.ids of a route made from a joined identity (only rows labelled one by one compare them). */
const NO_IDS: ReadonlyArray<string | undefined> = [];
