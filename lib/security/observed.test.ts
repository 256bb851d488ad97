import { describe, expect, it } from 'vitest';
import { PromqlInputError } from '../prometheus/promql';
import type { VectorSample } from '../prometheus/types';
import { buildObservedQueries, byNamespace, byWorkload, observedEdges } from './observed';

const sample = (labels: Record<string, string>, value: number): VectorSample => ({
  metric: {
    source_workload_namespace: 'default',
    source_workload: 'productpage-v1',
    source_principal: 'spiffe://cluster.local/ns/default/sa/bookinfo-productpage',
    destination_workload_namespace: 'default',
    destination_workload: 'details-v1',
    destination_service: 'details.default.svc.cluster.local',
    connection_security_policy: 'mutual_tls',
    response_code: '200',
    response_flags: '-',
    ...labels,
  },
  value,
  timestampSec: 1,
});

describe('observed security queries', () => {
  it('reads reporter="destination" into and out of the namespaces, as one regex', () => {
    const q = buildObservedQueries(['default', 'bookinfo'], 300);
    expect(q.http).toBe(
      '(sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace=~"default|bookinfo"}[300s])) by (source_workload_namespace,source_workload,source_principal,destination_workload_namespace,destination_workload,destination_service,connection_security_policy,response_code,response_flags) > 0)' +
        ' or (sum(rate(istio_requests_total{reporter="destination",source_workload_namespace=~"default|bookinfo"}[300s])) by (source_workload_namespace,source_workload,source_principal,destination_workload_namespace,destination_workload,destination_service,connection_security_policy,response_code,response_flags) > 0)',
    );
    expect(q.tcp).toContain('istio_tcp_connections_opened_total{reporter="destination"');
    expect(q.tcp).not.toContain('response_code');
  });

  it('refuses names that are not Kubernetes names', () => {
    expect(() => buildObservedQueries(['default"}) or vector(1']  , 60)).toThrow(PromqlInputError);
  });
});

describe('observed edges', () => {
  it('splits mutual TLS from plaintext and counts 403s without flags as denials', () => {
    const edges = observedEdges(
      [
        sample({}, 3),
        sample({ connection_security_policy: 'none' }, 1),
        sample({ response_code: '403' }, 0.5),
        // A 403 with a flag is not RBAC (e.g. external authorization UAEX).
        sample({ response_code: '403', response_flags: 'UAEX' }, 0.25),
        sample({ source_workload: 'unknown', source_workload_namespace: 'unknown', source_principal: 'unknown', connection_security_policy: 'none', destination_workload: 'ratings-v1' }, 2),
        sample({}, 0),
      ],
      [],
    );
    expect(edges).toHaveLength(2);
    const pd = edges.find((e) => e.destination.workload === 'details-v1');
    expect(pd).toMatchObject({ rate: 4.75, mtlsRate: 3.75, plaintextRate: 1, deniedRate: 0.5 });
    const unknown = edges.find((e) => e.source.workload === 'unknown');
    expect(unknown).toMatchObject({ rate: 2, mtlsRate: 0, plaintextRate: 2 });
    expect(byWorkload(edges).get('default/details-v1')?.mtlsPercent).toBeCloseTo((100 * 3.75) / 4.75, 10);
    // default: 6.75 in, 3.75 of it mutual TLS.
    expect(byNamespace(edges).get('default')?.mtlsPercent).toBeCloseTo((100 * 3.75) / 6.75, 10);
  });
});
