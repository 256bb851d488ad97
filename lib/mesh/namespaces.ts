/** Which namespaces the mesh has, as telemetry shows them. */
import type { PrometheusClient } from '../prometheus/client';

const QUERIES = [
  'count by (destination_workload_namespace) (istio_requests_total{reporter="destination"})',
  'count by (source_workload_namespace) (istio_requests_total{reporter="source"})',
  'count by (destination_workload_namespace) (istio_tcp_sent_bytes_total)',
];

/** Namespaces seen in istio_requests_total / istio_tcp_* (either side), sorted, without "unknown". */
export async function namespacesFromTelemetry(prometheus: PrometheusClient, signal?: AbortSignal): Promise<string[]> {
  const results = await Promise.all(QUERIES.map((q) => prometheus.query(q, { signal })));
  const names = new Set<string>();
  for (const vector of results) {
    for (const sample of vector) {
      for (const value of Object.values(sample.metric)) if (value && value !== 'unknown') names.add(value);
    }
  }
  return [...names].sort();
}
