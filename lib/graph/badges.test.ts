import { describe, expect, it } from 'vitest';
import { appendConfigBadges, appendIdleNodes, configWarnings, resolveHost, type ConfigObject } from './badges';
import { buildGraph } from './build';
import { requestRow, type WorkloadRef } from './test-rows';
import type { GraphOptions } from './types';

const pp: WorkloadRef = { ns: 'default', name: 'productpage-v1', app: 'productpage', version: 'v1' };
const r1: WorkloadRef = { ns: 'default', name: 'reviews-v1', app: 'reviews', version: 'v1' };
const ratings: WorkloadRef = { ns: 'default', name: 'ratings-v1', app: 'ratings', version: 'v1' };
const gw: WorkloadRef = { ns: 'istio-system', name: 'my-gateway', app: 'my-gateway' };

const deployment = (ns: string, name: string, labels: Record<string, string>, annotations: Record<string, string> = {}): ConfigObject => ({
  kind: 'Deployment',
  metadata: { name, namespace: ns },
  spec: { template: { metadata: { labels, annotations } } },
});

const objects: ConfigObject[] = [
  { kind: 'Namespace', metadata: { name: 'default', labels: { 'istio-injection': 'enabled' } } },
  { kind: 'Namespace', metadata: { name: 'legacy' } },
  deployment('default', 'productpage-v1', { app: 'productpage', version: 'v1' }),
  deployment('default', 'reviews-v1', { app: 'reviews', version: 'v1' }),
  deployment('default', 'reviews-v2', { app: 'reviews', version: 'v2' }),
  deployment('default', 'ratings-v1', { app: 'ratings', version: 'v1' }, { 'sidecar.istio.io/inject': 'false' }),
  deployment('legacy', 'old-v1', { app: 'old', version: 'v1' }),
  deployment('istio-system', 'my-gateway', { app: 'my-gateway', istio: 'custom-gw' }),
  { kind: 'Service', metadata: { name: 'reviews', namespace: 'default' }, spec: { selector: { app: 'reviews' } } },
  { kind: 'Service', metadata: { name: 'details', namespace: 'default' }, spec: { selector: { app: 'details' } } },
  {
    kind: 'VirtualService', metadata: { name: 'reviews', namespace: 'default' },
    spec: { hosts: ['reviews'], http: [{ match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: 'reviews', subset: 'v2' } }] }, { route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 90 }, { destination: { host: 'reviews', subset: 'v3' }, weight: 10 }] }] },
  },
  { kind: 'VirtualService', metadata: { name: 'ratings', namespace: 'default' }, spec: { hosts: ['ratings.default.svc.cluster.local'], http: [{ fault: { abort: { httpStatus: 503 } }, timeout: '2s', route: [{ destination: { host: 'ratings' } }] }] } },
  { kind: 'DestinationRule', metadata: { name: 'ratings', namespace: 'default' }, spec: { host: 'ratings', subsets: [{ name: 'v1', trafficPolicy: { outlierDetection: { consecutive5xxErrors: 1 } } }] } },
  { kind: 'Gateway', metadata: { name: 'bookinfo-gateway', namespace: 'default' }, spec: { selector: { istio: 'custom-gw' } } },
  { kind: 'PeerAuthentication', metadata: { name: 'strict-reviews', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'reviews' } }, mtls: { mode: 'STRICT' } } },
];

const graph = () => buildGraph({
  requests: [
    requestRow({ source: gw, dest: pp, service: { ns: 'default', name: 'productpage' } }, '200', 1),
    requestRow({ source: pp, dest: r1, service: { ns: 'default', name: 'reviews' } }, '200', 1),
    requestRow({ source: r1, dest: ratings, service: { ns: 'default', name: 'ratings' } }, '200', 1),
  ],
  tcpSent: [], tcpReceived: [], durationBuckets: [], mtls: [],
}, opts);
const opts: GraphOptions = { graphType: 'versionedApp', namespaces: ['default'], injectServiceNodes: true, idleEdges: false };

describe('appendConfigBadges', () => {
  it('resolves short and namespaced hosts', () => {
    expect(resolveHost('reviews', 'default')).toBe('reviews.default.svc.cluster.local');
    expect(resolveHost('reviews.prod', 'default')).toBe('reviews.prod.svc.cluster.local');
    expect(resolveHost('api.example.com', 'default')).toBe('api.example.com');
  });

  it('puts VirtualService, routing, shifting, fault, timeout and circuit-breaker badges on service nodes', () => {
    const g = appendConfigBadges(graph(), { objects });
    const reviews = g.nodes.find((n) => n.id === 'svc:default:reviews');
    expect(reviews?.badges).toEqual({ virtualService: ['default/reviews'], requestRouting: true, trafficShifting: true });
    const ratingsSvc = g.nodes.find((n) => n.id === 'svc:default:ratings');
    expect(ratingsSvc?.badges).toMatchObject({ virtualService: ['default/ratings'], faultInjection: true, requestTimeout: true, circuitBreaker: true });
    // versions behind a service node do not repeat the service badges
    expect(g.nodes.find((n) => n.id === 'vapp:default:reviews:v1')?.badges).toBeUndefined();
  });

  it('puts service badges on workloads when there are no service nodes', () => {
    const g = appendConfigBadges(buildGraph({
      requests: [requestRow({ source: pp, dest: r1, service: { ns: 'default', name: 'reviews' } }, '200', 1)],
      tcpSent: [], tcpReceived: [], durationBuckets: [], mtls: [],
    }, { ...opts, graphType: 'workload', injectServiceNodes: false }), { objects });
    expect(g.nodes.find((n) => n.id === 'wl:default:reviews-v1')?.badges?.trafficShifting).toBe(true);
  });

  it('flags missing sidecars, gateways selected by a Gateway, and validation errors', () => {
    const g = appendConfigBadges(graph(), {
      objects,
      validations: [
        { kind: 'VirtualService', namespace: 'default', name: 'reviews', severity: 'warning', message: 'subset v3 not found' },
        { kind: 'PeerAuthentication', namespace: 'default', name: 'strict-reviews', severity: 'error', message: 'no DestinationRule' },
        { kind: 'VirtualService', namespace: 'default', name: 'ratings', severity: 'info', message: 'fine' },
      ],
    });
    expect(g.nodes.find((n) => n.id === 'vapp:default:ratings:v1')?.badges?.missingSidecar).toBe(true);
    expect(g.nodes.find((n) => n.id === 'vapp:default:productpage:v1')?.badges?.missingSidecar).toBeUndefined();
    expect(g.nodes.find((n) => n.id === 'vapp:istio-system:my-gateway:')?.isGateway).toBe('ingress');
    expect(g.nodes.find((n) => n.id === 'svc:default:reviews')?.badges?.configErrors).toEqual([
      { severity: 'warning', message: 'subset v3 not found', object: 'VirtualService default/reviews' },
    ]);
    expect(g.nodes.find((n) => n.id === 'vapp:default:reviews:v1')?.badges?.configErrors?.[0]?.severity).toBe('error');
    expect(g.nodes.find((n) => n.id === 'svc:default:ratings')?.badges?.configErrors).toBeUndefined();
    // Same objects, other findings (a new validation of the same snapshot): the badges follow them.
    const again = appendConfigBadges(graph(), { objects, validations: [{ kind: 'VirtualService', namespace: 'default', name: 'ratings', severity: 'error', message: 'host not found' }] });
    expect(again.nodes.find((n) => n.id === 'svc:default:reviews')?.badges?.configErrors).toBeUndefined();
    expect(again.nodes.find((n) => n.id === 'svc:default:ratings')?.badges?.configErrors).toEqual([{ severity: 'error', message: 'host not found', object: 'VirtualService default/ratings' }]);
  });
});

describe('appendIdleNodes and configWarnings', () => {
  it('adds workloads and services without traffic as idle nodes in the selected namespaces', () => {
    const g = appendIdleNodes(graph(), { objects }, opts);
    const idle = g.nodes.filter((n) => n.isIdle).map((n) => n.id).sort();
    expect(idle).toEqual(['svc:default:details', 'vapp:default:reviews:v2']);
    expect(g.nodes.find((n) => n.id === 'vapp:default:reviews:v2')?.health).toBe('idle');
  });

  it('explains a namespace without sidecars', () => {
    expect(configWarnings({ objects }, ['default', 'legacy'])).toEqual([expect.stringContaining('namespace legacy has an Istio sidecar')]);
  });
});
