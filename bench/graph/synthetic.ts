/**
 * Canned Prometheus answers for a synthetic mesh: `namespaces` × `perNamespace` workloads (each its own
 * service, app and version v1), each calling `fanout` others, so 1,000 workloads and 5,000 edges by
 * default. Every edge has two response codes, Istio's 20 duration buckets and an mTLS row, as
 * Prometheus returns them for the graph's five queries (identity labels joined into one, identity.ts).
 */
import type { GraphVectors } from '../../lib/graph/build';
import { joinIdentity } from '../../lib/graph/identity';
import type { VectorSample } from '../../lib/prometheus/types';

const BUCKETS = ['0.5', '1', '5', '10', '25', '50', '100', '250', '500', '1000', '2500', '5000', '10000', '30000', '60000', '300000', '600000', '1800000', '3600000', '+Inf'];

export interface SyntheticMesh {
  vectors: GraphVectors;
  namespaces: string[];
  workloads: number;
  edges: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticMesh(namespaces = 50, perNamespace = 20, fanout = 5, seed = 1): SyntheticMesh {
  const rand = rng(seed);
  const nsNames = Array.from({ length: namespaces }, (_, i) => `ns-${i}`);
  const wl = (i: number) => ({ ns: nsNames[Math.floor(i / perNamespace)] as string, name: `svc-${i}` });
  const total = namespaces * perNamespace;
  const requests: VectorSample[] = [];
  const durationBuckets: VectorSample[] = [];
  const mtls: VectorSample[] = [];
  const at = 1_790_000_000;
  let edges = 0;
  for (let i = 0; i < total; i++) {
    const src = wl(i);
    const targets = new Set<number>();
    while (targets.size < fanout) {
      const t = Math.floor(rand() * total);
      if (t !== i) targets.add(t);
    }
    for (const t of targets) {
      const dst = wl(t);
      edges++;
      const labels = {
        source_workload_namespace: src.ns, source_workload: `${src.name}-v1`, source_canonical_service: src.name, source_canonical_revision: 'v1',
        destination_service_namespace: dst.ns, destination_service: `${dst.name}.${dst.ns}.svc.cluster.local`, destination_service_name: dst.name,
        destination_workload_namespace: dst.ns, destination_workload: `${dst.name}-v1`, destination_canonical_service: dst.name, destination_canonical_revision: 'v1',
        request_protocol: 'http',
      };
      const id = { identity: joinIdentity(labels) };
      const rps = 0.1 + rand() * 20;
      const errors = rand() < 0.1 ? rps * rand() * 0.3 : 0;
      requests.push({ metric: { ...id, response_code: '200', grpc_response_status: '', response_flags: '-' }, value: rps - errors, timestampSec: at });
      if (errors > 0) requests.push({ metric: { ...id, response_code: '503', grpc_response_status: '', response_flags: 'UF' }, value: errors, timestampSec: at });
      let cum = 0;
      for (const le of BUCKETS) {
        cum = le === '+Inf' ? rps : Math.min(rps, cum + rps * rand() * 0.3);
        durationBuckets.push({ metric: { ...id, le }, value: cum, timestampSec: at });
      }
      mtls.push({ metric: { ...id, connection_security_policy: 'mutual_tls' }, value: rps, timestampSec: at });
    }
  }
  return { vectors: { requests, tcpSent: [], tcpReceived: [], durationBuckets, mtls }, namespaces: nsNames, workloads: total, edges };
}

/** The same mesh with every rate scaled: a refresh where only the numbers change. */
export function scaleVectors(v: GraphVectors, factor: number): GraphVectors {
  const s = (rows: VectorSample[]) => rows.map((r) => ({ ...r, value: r.value * factor }));
  return { requests: s(v.requests), tcpSent: s(v.tcpSent), tcpReceived: s(v.tcpReceived), durationBuckets: s(v.durationBuckets), mtls: s(v.mtls) };
}

/**
 * The vectors as Prometheus's HTTP API writes them (labels sorted by name, values as strings), so a
 * benchmark can read them back through the client's own parser and build from what production sees.
 */
export function prometheusBodies(v: GraphVectors): Record<keyof GraphVectors, string> {
  const body = (rows: VectorSample[]) => JSON.stringify({
    status: 'success',
    data: {
      resultType: 'vector',
      result: rows.map((r) => ({
        metric: Object.fromEntries(Object.entries(r.metric).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
        value: [r.timestampSec, String(r.value)],
      })),
    },
  });
  return { requests: body(v.requests), tcpSent: body(v.tcpSent), tcpReceived: body(v.tcpReceived), durationBuckets: body(v.durationBuckets), mtls: body(v.mtls) };
}
