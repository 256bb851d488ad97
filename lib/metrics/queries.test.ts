import { describe, expect, it } from 'vitest';
import { buildDetailQueries, buildExistsQuery, buildResourceQuery, entityMatchers } from './queries';

describe('entityMatchers', () => {
  it('service inbound: by destination service name and namespace', () => {
    expect(entityMatchers({ kind: 'service', namespace: 'default', name: 'reviews' }, 'inbound')).toEqual([
      { label: 'destination_service_namespace', op: '=', value: 'default' },
      { label: 'destination_service_name', op: '=', value: 'reviews' },
    ]);
  });
  it('workload outbound: by source workload; app: by canonical service', () => {
    expect(entityMatchers({ kind: 'workload', namespace: 'default', name: 'reviews-v2' }, 'outbound').map((m) => m.label)).toEqual(['source_workload_namespace', 'source_workload']);
    expect(entityMatchers({ kind: 'app', namespace: 'default', name: 'reviews' }, 'inbound').map((m) => m.label)).toEqual(['destination_workload_namespace', 'destination_canonical_service']);
  });
  it('rejects names that are not Kubernetes names before they reach PromQL', () => {
    expect(() => entityMatchers({ kind: 'service', namespace: 'default', name: 'x"}) or vector(1) #' }, 'inbound')).toThrow(/invalid service/);
    expect(() => entityMatchers({ kind: 'workload', namespace: 'Bad NS', name: 'x' }, 'inbound')).toThrow(/invalid namespace/);
  });
  it('a service has no outbound side', () => {
    expect(() => entityMatchers({ kind: 'service', namespace: 'default', name: 'reviews' }, 'outbound')).toThrow();
  });
});

describe('buildDetailQueries', () => {
  const q = buildDetailQueries({ kind: 'service', namespace: 'default', name: 'reviews', direction: 'inbound', reporter: 'source', split: false, rateSec: 20 }, 300);
  it('requests by code and flags, HTTP/gRPC only, the chosen reporter, rate over the rate window', () => {
    expect(q.requests).toBe('sum by (response_code,response_flags) (rate(istio_requests_total{reporter="source",destination_service_namespace="default",destination_service_name="reviews",request_protocol!="tcp"}[20s]))');
  });
  it('the codes table uses the whole window', () => {
    expect(q.codesWindow).toContain('[300s]');
  });
  it('latency buckets by le, average = sum / count', () => {
    expect(q.durationBuckets).toBe('sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="source",destination_service_namespace="default",destination_service_name="reviews",request_protocol!="tcp"}[20s]))');
    expect(q.durationAvg).toMatch(/^sum\(rate\(istio_request_duration_milliseconds_sum\{.*\}\[20s\]\)\) \/ sum\(rate\(istio_request_duration_milliseconds_count\{.*\}\[20s\]\)\)$/);
  });
  it('saturation: one query, six labelled branches', () => {
    expect(q.saturation.split(' or ')).toHaveLength(6);
    expect(q.saturation).toContain('label_replace(sum(rate(istio_tcp_connections_opened_total{reporter="source",');
    expect(q.saturation).toContain('"meshscope_series", "tcp_opened", "", "")');
  });
  it('peers: inbound by source workload, outbound by destination service and workload', () => {
    expect(q.peers).toMatch(/^sum by \(source_workload_namespace,source_workload,source_canonical_revision\)/);
    const out = buildDetailQueries({ kind: 'workload', namespace: 'default', name: 'reviews-v2', direction: 'outbound', reporter: 'source', split: true, rateSec: 20 }, 300);
    expect(out.peers).toMatch(/^sum by \(destination_service_name,destination_workload_namespace,destination_workload,destination_canonical_revision\)/);
    expect(out.requests).toContain('source_workload="reviews-v2"');
  });
});

describe('buildResourceQuery', () => {
  it('cAdvisor CPU and memory of the pods named after the workload, the name escaped in the regex', () => {
    const q = buildResourceQuery({ kind: 'workload', namespace: 'default', name: 'reviews-v1.x' }, 20);
    expect(q).toContain('container_cpu_usage_seconds_total{namespace="default",pod=~"reviews-v1\\\\.x-.*",container!="",container!="POD"}[20s]');
    expect(q).toContain('sum(container_memory_working_set_bytes{');
  });
});

describe('buildExistsQuery', () => {
  it('looks at both sides of a workload over the lookback, requests and TCP', () => {
    const q = buildExistsQuery({ kind: 'workload', namespace: 'default', name: 'details-v1' }, 21600);
    expect(q.split(' or ')).toHaveLength(4);
    expect(q).toContain('count(count_over_time(istio_requests_total{source_workload_namespace="default",source_workload="details-v1"}[21600s]))');
  });
  it('a service only on the destination side', () => {
    expect(buildExistsQuery({ kind: 'service', namespace: 'default', name: 'details' }, 600).split(' or ')).toHaveLength(2);
  });
});
