/**
 * Where the usual in-cluster backends live, tried in order when the configured URL does not answer
 * (or none is configured) and Meshscope runs in a pod. Istio's addons first
 * (samples/addons/prometheus.yaml: Service prometheus.istio-system:9090; samples/addons/jaeger.yaml:
 * Service tracing.istio-system port 80 → 16686 with base_path /jaeger), then common charts.
 */
export const PROMETHEUS_CANDIDATES = [
  'http://prometheus.istio-system:9090',
  'http://prometheus-operated.monitoring:9090',
  'http://prometheus-server.monitoring',
  'http://prometheus-k8s.monitoring:9090',
] as const;

export const TRACING_CANDIDATES = [
  'http://tracing.istio-system/jaeger',
  'http://tracing.istio-system:16686/jaeger',
  'http://jaeger-query.istio-system:16686/jaeger',
  'http://tempo.istio-system:3200',
  'http://tempo.tempo:3200',
  'http://tempo.monitoring:3200',
] as const;

/** The candidates still worth trying: not the URL already probed, each once, only inside a cluster. */
export function candidatesToTry(all: readonly string[], configured: string | undefined, inCluster: boolean): string[] {
  if (!inCluster) return [];
  const norm = (u: string) => u.replace(/\/+$/, '').replace(/^(http:\/\/[^/:]+):80(?=\/|$)/, '$1');
  const seen = new Set(configured ? [norm(configured)] : []);
  return all.filter((u) => {
    const n = norm(u);
    if (seen.has(n)) return false;
    seen.add(n);
    return true;
  });
}
