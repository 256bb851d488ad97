import { describe, expect, it } from 'vitest';
import type { VectorSample } from '../prometheus/types';
import { buildSecurityModel } from './model';
import { buildSecurityReport, buildSecurityReview, parseSecurityRequest, securityNamespaces, SecurityParamsError } from './report';
import { bookinfoBase, co, peerAuth } from './test-objects';

const params = (q: string) => new URLSearchParams(q);

describe('parseSecurityRequest', () => {
  it('reads namespaces and the window', () => {
    expect(parseSecurityRequest(params('namespaces=default,bookinfo,default&duration=10m'))).toEqual({ namespaces: ['default', 'bookinfo'], durationSec: 600 });
    expect(parseSecurityRequest(params('namespaces=default'))).toEqual({ namespaces: ['default'], durationSec: 300 });
  });

  it.each([
    ['', /namespaces is required/],
    ['namespaces=', /namespaces is required/],
    ['namespaces=Default', /invalid namespace "Default"/],
    ['namespaces=a"}or vector(1)', /invalid namespace/],
    ['namespaces=default&duration=5', /invalid duration/],
    ['namespaces=default&duration=7h', /at most 6h/],
  ])('refuses %s', (q, message) => {
    expect(() => parseSecurityRequest(params(q))).toThrow(SecurityParamsError);
    expect(() => parseSecurityRequest(params(q))).toThrow(message);
  });
});

const row = (src: [string, string], dst: string, policy: 'mutual_tls' | 'none', value: number, code = '200'): VectorSample => ({
  metric: {
    source_workload_namespace: src[0], source_workload: src[1], source_principal: policy === 'none' ? 'unknown' : `spiffe://cluster.local/ns/${src[0]}/sa/x`,
    destination_workload_namespace: 'default', destination_workload: dst, destination_service: 'x', connection_security_policy: policy, response_code: code, response_flags: '-',
  },
  value,
  timestampSec: 1,
});

describe('buildSecurityReport', () => {
  it('puts effective modes, observed shares and disagreements side by side for the namespaces in view', () => {
    const model = buildSecurityModel([
      ...bookinfoBase(),
      peerAuth('default', 'strict-details', { selector: { matchLabels: { app: 'details' } }, mtls: { mode: 'STRICT' } }),
      // An invalid spec is left out and said so.
      co({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'broken', namespace: 'default' }, spec: { mtls: { mode: 'SOMETIMES' } } }),
    ]);
    const http = [
      row(['default', 'productpage-v1'], 'details-v1', 'mutual_tls', 3),
      row(['unknown', 'unknown'], 'ratings-v1', 'none', 1),
      row(['default', 'reviews-v2'], 'ratings-v1', 'mutual_tls', 2),
    ];
    const report = buildSecurityReport({ model, http, tcp: [], req: { namespaces: ['default'], durationSec: 60 }, timestamp: 42 });
    expect(report.mesh).toMatchObject({ status: 'partial', meshMode: 'PERMISSIVE', meshPolicy: null });
    // 5 of 6 inbound requests/s in mutual TLS.
    expect(report.mesh.observed.mtlsPercent).toBeCloseTo((100 * 5) / 6, 10);
    expect(report.namespaceRows).toEqual([
      expect.objectContaining({ namespace: 'default', status: 'partial', strictPorts: 1, totalPorts: 4 }),
    ]);
    expect(report.workloads.map((w) => [w.name, w.state, w.observed?.mtlsPercent ?? null])).toEqual([
      ['details-v1', 'STRICT', 100],
      ['ratings-v1', 'PERMISSIVE', (100 * 2) / 3],
      ['reviews-v2', 'PERMISSIVE', null],
    ]);
    expect(report.edges.map((e) => [e.source.workload, e.destination.workload, e.mtlsPercent])).toEqual([
      ['productpage-v1', 'details-v1', 100],
      ['reviews-v2', 'ratings-v1', 100],
      ['unknown', 'ratings-v1', 0],
    ]);
    expect(report.disagreements.map((d) => d.kind)).toEqual(['plaintext-permissive']);
    expect(report.warnings).toEqual(['Left out (invalid spec, see Istio Config): PeerAuthentication default/broken']);
    expect(report.timestamp).toBe(42);
  });

  it("gives the graph's review the same workloads and disagreements as the report", () => {
    const model = buildSecurityModel([...bookinfoBase(), peerAuth('default', 'strict-details', { selector: { matchLabels: { app: 'details' } }, mtls: { mode: 'STRICT' } })]);
    const http = [row(['unknown', 'unknown'], 'ratings-v1', 'none', 1), row(['unknown', 'unknown'], 'details-v1', 'none', 1)];
    const input = { model, http, tcp: [], req: { namespaces: ['default'], durationSec: 60 } };
    const review = buildSecurityReview(input);
    const report = buildSecurityReport({ ...input, timestamp: 1 });
    // Plaintext into a STRICT workload and into a PERMISSIVE one: two findings, by hand.
    expect(review.disagreements.map((d) => d.workload).sort()).toEqual(['default/details-v1', 'default/ratings-v1']);
    expect(review.disagreements).toEqual(report.disagreements);
    expect(review.workloads.map((w) => w.name)).toEqual(report.workloads.map((w) => w.name));
  });
});

describe('securityNamespaces', () => {
  it('lists every namespace of the config with its status', () => {
    const model = buildSecurityModel([...bookinfoBase(), peerAuth('default', 'strict', { mtls: { mode: 'STRICT' } })]);
    expect(securityNamespaces(model).map((n) => [n.namespace, n.status, n.injection])).toEqual([
      ['default', 'enabled', true],
      ['istio-system', 'disabled', false],
      ['test', 'disabled', false],
    ]);
  });
});
