/**
 * The running simulator: re-reads the config directory, generates load (the gateway's steady
 * traffic plus any workload with a `sim.meshscope.dev/load` annotation), runs each request through
 * simulateRequest, and hands the results to the metrics and the trace store. Time is passed in, so
 * tests can drive it without waiting.
 */
import { openConfigDir, type ConfigProblem } from './config-dir';
import { createTraceStore, type TraceStore } from './jaeger/trace-store';
import { compileMesh, type MeshModel, type Workload } from './model';
import { createRng, poisson, type Rng } from './rng';
import { createRuntimeState, simulateRequest, type EntryRequest, type RuntimeState } from './simulate';
import { createIstioMetrics, type IstioMetrics } from './telemetry';

export interface SimulatorOptions {
  configDir: string;
  /** Requests per second arriving at the ingress gateway. */
  rps: number;
  /** Share of gateway requests sent as the logged-in user jason (`end-user: jason`). */
  jasonShare: number;
  seed: number;
  maxTraces?: number;
  /** Paths the external load requests at the gateway, picked uniformly (default: Bookinfo's /productpage). */
  entryPaths?: string[];
}

export interface SimulatorStats {
  startedAtMs: number;
  /** Entry requests generated, by the status the client got ("0" = reset or refused). */
  entryRequests: Record<string, number>;
  /** HTTP requests as each workload's sidecar reported them (reporter=destination), by `namespace/workload`. */
  destinationRequests: Record<string, number>;
  /** HTTP requests reported by the caller's proxy (reporter=source), by `namespace/workload`. */
  sourceRequests: Record<string, number>;
  /** Connections refused before any HTTP exchange, by calling `namespace/workload`. */
  refusedConnections: Record<string, number>;
  configProblems: ConfigProblem[];
}

export interface Simulator {
  readonly metrics: IstioMetrics;
  readonly traces: TraceStore;
  /** Re-reads the config directory (cheap when nothing changed) and returns its problems. */
  reload(): ConfigProblem[];
  mesh(): MeshModel;
  /** Generates and runs the requests due in (lastTick, nowMs]. */
  tick(nowMs: number): void;
  stats(): SimulatorStats;
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const dir = openConfigDir(options.configDir);
  const metrics = createIstioMetrics();
  const traces = createTraceStore({ maxTraces: options.maxTraces ?? 5000 });
  const state: RuntimeState = createRuntimeState();
  const rng: Rng = createRng(options.seed);
  const entryPaths = options.entryPaths && options.entryPaths.length > 0 ? options.entryPaths : ['/productpage'];
  let mesh: MeshModel = compileMesh([]);
  let problems: ConfigProblem[] = [];
  let lastTickMs: number | undefined;
  const stats: SimulatorStats = {
    startedAtMs: Date.now(),
    entryRequests: {},
    destinationRequests: {},
    sourceRequests: {},
    refusedConnections: {},
    configProblems: [],
  };

  const reload = () => {
    const snapshot = dir.refresh();
    mesh = compileMesh(snapshot.objects);
    problems = snapshot.problems;
    return problems;
  };

  const run = (entry: EntryRequest, nowMs: number, clientKey: string) => {
    const result = simulateRequest(mesh, state, entry, rng, nowMs);
    bump(stats.entryRequests, String(result.status));
    if (result.refused) bump(stats.refusedConnections, clientKey);
    for (const hop of result.hops) {
      metrics.record(hop);
      if (hop.protocol !== 'http') continue;
      if (hop.destinationReports && hop.destination) bump(stats.destinationRequests, `${hop.destination.namespace}/${hop.destination.name}`);
      if (hop.sourceReports && hop.source) bump(stats.sourceRequests, `${hop.source.namespace}/${hop.source.name}`);
    }
    if (result.spans.length > 0) traces.add(result.spans);
  };

  const gatewayEntry = (gateway: Workload): EntryRequest => ({
    gateway,
    host: 'bookinfo.example.com',
    port: 80,
    path: entryPaths[Math.floor(rng.next() * entryPaths.length)] ?? '/productpage',
    headers: rng.next() < options.jasonShare ? { 'end-user': 'jason' } : {},
  });

  return {
    metrics,
    traces,
    reload,
    mesh: () => mesh,
    stats: () => ({ ...stats, configProblems: problems }),
    tick(nowMs) {
      const since = lastTickMs ?? nowMs - 100;
      lastTickMs = nowMs;
      const seconds = Math.max(0, Math.min(5, (nowMs - since) / 1000));
      if (seconds === 0) return;
      const gateway = mesh.workloads.find((w) => w.isGateway && w.labels.istio === 'ingressgateway');
      if (gateway) {
        const n = poisson(rng, options.rps * seconds);
        for (let i = 0; i < n; i += 1) run(gatewayEntry(gateway), since + rng.next() * (nowMs - since), 'external/client');
      }
      for (const client of mesh.workloads) {
        const load = client.behaviour.load;
        if (!load) continue;
        const bursts = poisson(rng, load.rps * seconds);
        for (let b = 0; b < bursts; b += 1) {
          const at = since + rng.next() * (nowMs - since);
          for (let i = 0; i < load.burst; i += 1) {
            const headers: Record<string, string> = {};
            for (const share of load.headerShares) if (rng.next() < share.share) Object.assign(headers, share.headers);
            run({ client, host: load.host, port: load.port, path: load.path, headers }, at, `${client.namespace}/${client.name}`);
          }
        }
      }
    },
  };
}
