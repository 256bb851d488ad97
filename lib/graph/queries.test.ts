import { describe, expect, it } from 'vitest';
import { buildGraphQueries } from './queries';

describe('buildGraphQueries', () => {
  const q = buildGraphQueries({ namespaces: ['default', 'bookinfo'], durationSec: 60, idleEdges: false });

  it('builds the same five queries whatever the number of namespaces, namespaces as one regex', () => {
    expect(Object.keys(q).sort()).toEqual(['durationBuckets', 'mtls', 'requests', 'tcpReceived', 'tcpSent']);
    const many = buildGraphQueries({ namespaces: Array.from({ length: 40 }, (_, i) => `ns-${i}`), durationSec: 60, idleEdges: false });
    expect(Object.keys(many)).toHaveLength(5);
    expect(q.requests).toContain('source_workload_namespace=~"default|bookinfo"');
    expect(q.requests).not.toContain('source_workload_namespace="default"');
  });

  it('counts in-mesh callers from the source reporter and out-of-mesh callers from the destination', () => {
    expect(q.requests).toContain('istio_requests_total{reporter="source",source_workload_namespace=~"default|bookinfo"}[60s]');
    expect(q.requests).toContain('istio_requests_total{reporter="source",destination_service_namespace=~"default|bookinfo"}[60s]');
    expect(q.requests).toContain('istio_requests_total{reporter="destination",source_workload="unknown",destination_workload_namespace=~"default|bookinfo"}[60s]');
    expect(q.requests).toContain('response_code,grpc_response_status,response_flags)');
    expect(q.requests.match(/ > 0/g)).toHaveLength(4);
  });

  it('reads mTLS from the destination reporter only, for requests and TCP', () => {
    expect(q.mtls).not.toContain('reporter="source"');
    expect(q.mtls).toContain('istio_requests_total{reporter="destination"');
    expect(q.mtls).toContain('istio_tcp_sent_bytes_total{reporter="destination"');
    expect(q.mtls).toContain('connection_security_policy)');
  });

  it('keeps whole histograms (by le) whose count is non-zero', () => {
    expect(q.durationBuckets).toContain('istio_request_duration_milliseconds_bucket{');
    expect(q.durationBuckets).toContain(',le)');
    expect(q.durationBuckets).toContain(' and on (source_workload_namespace,');
    expect(q.durationBuckets).not.toMatch(/_bucket\{[^}]*\}\[60s\]\)\) by \([^)]*\) > 0/);
  });

  it('folds the twelve identity labels into one (label_join), keeping each query own labels', () => {
    const join = 'label_join(';
    for (const query of Object.values(q)) expect(query.split(join)).toHaveLength(2);
    expect(q.requests.startsWith('sum by (identity,response_code,grpc_response_status,response_flags) (label_join(')).toBe(true);
    expect(q.durationBuckets.startsWith('sum by (identity,le) (label_join(')).toBe(true);
    expect(q.mtls.startsWith('sum by (identity,connection_security_policy) (label_join(')).toBe(true);
    expect(q.tcpSent.startsWith('sum by (identity,response_flags) (label_join(')).toBe(true);
    expect(q.requests.endsWith('"identity", "|", "source_workload_namespace","source_workload","source_canonical_service","source_canonical_revision","destination_service_namespace","destination_service","destination_service_name","destination_workload_namespace","destination_workload","destination_canonical_service","destination_canonical_revision","request_protocol"))')).toBe(true);
  });

  it('swaps Istio TCP names to the caller point of view', () => {
    expect(q.tcpSent).toContain('istio_tcp_received_bytes_total');
    expect(q.tcpReceived).toContain('istio_tcp_sent_bytes_total');
  });

  it('keeps idle series when asked', () => {
    const idle = buildGraphQueries({ namespaces: ['default'], durationSec: 300, idleEdges: true });
    expect(idle.requests).not.toContain('> 0');
    expect(idle.durationBuckets).not.toContain(' and on ');
    expect(idle.requests).toContain('[300s]');
  });

  it('rejects namespaces that are not Kubernetes names (no PromQL injection)', () => {
    expect(() => buildGraphQueries({ namespaces: ['default"}) or vector(1'], durationSec: 60, idleEdges: false })).toThrow(/invalid namespace/);
    expect(() => buildGraphQueries({ namespaces: ['.*'], durationSec: 60, idleEdges: false })).toThrow(/invalid namespace/);
    expect(() => buildGraphQueries({ namespaces: [], durationSec: 60, idleEdges: false })).toThrow();
  });
});
