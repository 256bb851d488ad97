import { describe, expect, it } from 'vitest';
import { buildGraph } from '../graph/build';
import { requestRow, type HopRef } from '../graph/test-rows';
import { buildOverviewQueries, overviewNamespaces, summarizeNamespaces } from './overview';

const gw = { ns: 'istio-system', name: 'istio-ingressgateway', app: 'istio-ingressgateway' };
const pp = { ns: 'default', name: 'productpage-v1', app: 'productpage', version: 'v1' };
const details = { ns: 'default', name: 'details-v1', app: 'details', version: 'v1' };
const toPp: HopRef = { source: gw, dest: pp, service: { ns: 'default', name: 'productpage' } };
const toDetails: HopRef = { source: pp, dest: details, service: { ns: 'default', name: 'details' } };

describe('summarizeNamespaces', () => {
  // gateway → productpage 10 rps (all 200); productpage → details 8 × 200 + 2 × 503 (20 % → failing).
  const graph = buildGraph({
    requests: [requestRow(toPp, '200', 10), requestRow(toDetails, '200', 8), requestRow(toDetails, '503', 2)],
    tcpSent: [], tcpReceived: [], durationBuckets: [], mtls: [],
  }, { graphType: 'app', namespaces: ['default', 'istio-system'], injectServiceNodes: true, idleEdges: false });

  it('health counts of the apps, rps and error % into the namespace services, mTLS share, traffic series', () => {
    const [def, sys] = summarizeNamespaces(['default', 'istio-system'], graph, [
      { metric: { destination_workload_namespace: 'default', connection_security_policy: 'mutual_tls' }, value: 15, timestampSec: 0 },
      { metric: { destination_workload_namespace: 'default', connection_security_policy: 'none' }, value: 5, timestampSec: 0 },
    ], [{ metric: { destination_service_namespace: 'default' }, points: [[100, 20], [110, 19]] }]);
    // productpage: in 10 × 200, out 20 % 5xx → failing; details: in 20 % 5xx → failing.
    expect(def?.health).toEqual({ healthy: 0, degraded: 0, failing: 2, idle: 0 });
    expect(def?.rps).toBeCloseTo(20, 9);
    expect(def?.errorPct).toBeCloseTo(10, 9);
    expect(def?.mtlsPct).toBeCloseTo(75, 9);
    expect(def?.traffic).toEqual([[100, 20], [110, 19]]);
    // The gateway only sends: healthy, no requests into istio-system.
    expect(sys?.health).toEqual({ healthy: 1, degraded: 0, failing: 0, idle: 0 });
    expect(sys?.rps).toBe(0);
    expect(sys?.errorPct).toBeNull();
    expect(sys?.mtlsPct).toBeNull();
  });
});

describe('buildOverviewQueries', () => {
  it('counts each request once: source reporter, plus callers outside the mesh from the destination', () => {
    const q = buildOverviewQueries(['default'], 300, 20);
    expect(q.traffic).toBe(
      'sum by (destination_service_namespace) (rate(istio_requests_total{reporter="source",destination_service_namespace=~"default"}[20s]) or rate(istio_requests_total{reporter="destination",source_workload="unknown",destination_service_namespace=~"default"}[20s]))',
    );
    expect(q.mtls).toContain('[300s]');
  });
});

describe('overviewNamespaces', () => {
  it('telemetry plus the configuration\'s namespaces, sorted, once', () => {
    expect(overviewNamespaces(['default', 'istio-system'], { objects: [{ kind: 'Namespace', metadata: { name: 'quiet' } }, { kind: 'Namespace', metadata: { name: 'default' } }] }))
      .toEqual(['default', 'istio-system', 'quiet']);
    expect(overviewNamespaces(['b', 'a'], undefined)).toEqual(['a', 'b']);
  });
});
