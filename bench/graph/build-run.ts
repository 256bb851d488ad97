/**
 * graph_build_ms_1000's measurement, run in a Node process of its own started with --expose-gc: the
 * synthetic mesh's five Prometheus answers as JSON, read back through the client's parser (as
 * /api/graph gets them), ten warm-up builds (a dashboard builds graphs all day: what counts is the
 * optimized builder, not V8's first compilations), then fifteen timed ones. Before each, a full
 * collection and 50 ms of idle time, so that no build pays for the garbage of the one before, nor
 * for the sweeping that the forced collection leaves to do (on two cores, that ran beside the timed
 * build). Prints one JSON line for bench/graph.bench.ts.
 */
import { buildGraph, type GraphVectors } from '../../lib/graph/build';
import { fastVectorSamples } from '../../lib/prometheus/types';
import { prometheusBodies, syntheticMesh } from './synthetic';

export interface BuildRunResult {
  times: number[];
  parseMs: number;
  jsonBytes: number;
  rows: number;
  nodes: number;
  edges: number;
}

/** The five bodies parsed as the Prometheus client does (JSON.parse, then the boundary check). */
function parsedVectors(bodies: Record<keyof GraphVectors, string>): GraphVectors {
  const read = (body: string) => {
    const samples = fastVectorSamples((JSON.parse(body) as { data: unknown }).data);
    if (!samples) throw new Error('synthetic body failed the client boundary check');
    return samples;
  };
  return { requests: read(bodies.requests), tcpSent: read(bodies.tcpSent), tcpReceived: read(bodies.tcpReceived), durationBuckets: read(bodies.durationBuckets), mtls: read(bodies.mtls) };
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const mesh = syntheticMesh();
const options = { graphType: 'workload' as const, namespaces: mesh.namespaces, injectServiceNodes: false, idleEdges: false };
const bodies = prometheusBodies(mesh.vectors);
const p0 = performance.now();
const vectors = parsedVectors(bodies);
const parseMs = performance.now() - p0;
for (let i = 0; i < 10; i++) buildGraph(vectors, options);
const times: number[] = [];
let built = { nodes: 0, edges: 0 };
for (let i = 0; i < 15; i++) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const t0 = performance.now();
  const g = buildGraph(vectors, options);
  times.push(performance.now() - t0);
  built = { nodes: g.nodes.length, edges: g.edges.length };
  if (g.nodes.length !== mesh.workloads || g.edges.length !== mesh.edges) throw new Error(`built ${g.nodes.length} nodes / ${g.edges.length} edges, expected ${mesh.workloads} / ${mesh.edges}`);
}
const result: BuildRunResult = {
  times,
  parseMs,
  jsonBytes: Object.values(bodies).reduce((n, b) => n + b.length, 0),
  rows: vectors.requests.length + vectors.durationBuckets.length + vectors.mtls.length + vectors.tcpSent.length + vectors.tcpReceived.length,
  ...built,
};
console.log(JSON.stringify(result));
