import { describe, expect, it } from 'vitest';
import { decide } from './authz';
import { findDisagreements } from './disagreements';
import { allWorkloadSecurity } from './effective-mode';
import { buildSecurityModel } from './model';
import type { ObservedEdge } from './observed';
import { authorizationPolicy, bookinfoBase, deployment, destinationRule, peerAuth } from './test-objects';
import type { ConfigObject } from '../istio/yaml-loader';

const sa = (ns: string, name: string) => `spiffe://cluster.local/ns/${ns}/sa/${name}`;
function edge(src: string, dst: string, o: { mtls?: number; plain?: number; denied?: number } = {}): ObservedEdge {
  const [sns, swl] = src === 'unknown' ? ['unknown', 'unknown'] : src.split('/');
  const [dns, dwl] = dst.split('/');
  const mtls = o.mtls ?? 0;
  const plain = o.plain ?? 0;
  const principal = src === 'unknown' || mtls === 0 ? 'unknown' : sa(sns!, `bookinfo-${swl!.replace(/-v\d$/, '')}`);
  return {
    source: { namespace: sns!, workload: swl!, principal },
    destination: { namespace: dns!, workload: dwl! },
    protocol: 'http',
    rate: mtls + plain,
    mtlsRate: mtls,
    plaintextRate: plain,
    deniedRate: o.denied ?? 0,
    hosts: [],
  };
}

function run(objects: ConfigObject[], edges: ObservedEdge[], namespaces = ['default']) {
  const model = buildSecurityModel([...bookinfoBase(), ...objects]);
  return findDisagreements({ model, workloads: allWorkloadSecurity(model), edges, namespaces });
}

const inMesh = [edge('default/productpage-v1', 'default/details-v1', { mtls: 2 }), edge('default/reviews-v2', 'default/ratings-v1', { mtls: 1 })];

describe('mTLS disagreements', () => {
  it('PERMISSIVE by default + an out-of-mesh client: exactly one "would be refused under STRICT" caller', () => {
    const found = run([], [...inMesh, edge('unknown', 'default/ratings-v1', { plain: 1 })]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'plaintext-permissive', workload: 'default/ratings-v1', caller: 'unknown', callerCandidates: ['test/netpod'], policies: [], rate: 1 });
    expect(found[0]?.message).toContain('would be refused under STRICT');
  });

  it('names the PeerAuthentication that makes a port PERMISSIVE', () => {
    const found = run([peerAuth('default', 'lenient', { mtls: { mode: 'PERMISSIVE' } })], [edge('unknown', 'default/ratings-v1', { plain: 0.5 })]);
    expect(found.map((d) => [d.kind, d.policies])).toEqual([['plaintext-permissive', ['PeerAuthentication default/lenient']]]);
  });

  it('STRICT in effect but plaintext still observed', () => {
    const found = run([peerAuth('istio-system', 'default', { mtls: { mode: 'STRICT' } })], [...inMesh, edge('unknown', 'default/ratings-v1', { plain: 0.2 })]);
    expect(found.map((d) => d.kind)).toEqual(['plaintext-strict']);
    expect(found[0]?.policies).toEqual(['PeerAuthentication istio-system/default']);
  });

  it('no finding for all-mTLS traffic, nor for plaintext into a DISABLE workload', () => {
    expect(run([], inMesh)).toEqual([]);
    expect(run([peerAuth('default', 'off', { mtls: { mode: 'DISABLE' } })], [edge('unknown', 'default/ratings-v1', { plain: 1 })])).toEqual([]);
  });

  it('a workload without a sidecar in an injection-labelled namespace, but not in an unlabelled one', () => {
    const found = run([deployment('default', 'legacy-v1', { app: 'legacy' }, { inject: false })], [], ['default', 'test']);
    expect(found.map((d) => [d.kind, d.workload])).toEqual([['missing-sidecar', 'default/legacy-v1']]);
  });

  it('a DestinationRule disabling TLS towards a STRICT workload', () => {
    const found = run(
      [peerAuth('default', 'strict', { mtls: { mode: 'STRICT' } }), destinationRule('default', 'ratings-plain', { host: 'ratings', trafficPolicy: { tls: { mode: 'DISABLE' } } })],
      [],
    );
    // ratings has two ports (9080, 9090), both STRICT and both reached through the DR.
    expect(found.map((d) => [d.kind, d.severity, d.policies])).toEqual([
      ['dr-disables-tls', 'error', ['DestinationRule default/ratings-plain', 'PeerAuthentication default/strict']],
      ['dr-disables-tls', 'error', ['DestinationRule default/ratings-plain', 'PeerAuthentication default/strict']],
    ]);
  });
});

describe('authorization disagreements', () => {
  it('allow-nothing: every 403 edge names the policy, and the policy is not "unused"', () => {
    const found = run([authorizationPolicy('default', 'allow-nothing', {})], [
      edge('default/productpage-v1', 'default/details-v1', { mtls: 2, denied: 2 }),
      edge('default/reviews-v2', 'default/ratings-v1', { mtls: 1, denied: 1 }),
    ]);
    expect(found.map((d) => [d.kind, d.caller, d.workload, d.policies, d.rate])).toEqual([
      ['authz-denied', 'default/productpage-v1', 'default/details-v1', ['AuthorizationPolicy default/allow-nothing'], 2],
      ['authz-denied', 'default/reviews-v2', 'default/ratings-v1', ['AuthorizationPolicy default/allow-nothing'], 1],
    ]);
  });

  it('allow-per-service: the plaintext client is denied by the ALLOW set; a policy nothing reached is listed', () => {
    const policies = [
      authorizationPolicy('default', 'allow-nothing', {}),
      authorizationPolicy('default', 'details-viewer', {
        selector: { matchLabels: { app: 'details' } },
        rules: [{ from: [{ source: { principals: ['cluster.local/ns/default/sa/bookinfo-productpage'] } }], to: [{ operation: { methods: ['GET'] } }] }],
      }),
      authorizationPolicy('default', 'ratings-viewer', {
        selector: { matchLabels: { app: 'ratings' } },
        rules: [{ from: [{ source: { principals: ['cluster.local/ns/default/sa/bookinfo-reviews'] } }] }],
      }),
      authorizationPolicy('default', 'reviews-viewer', { selector: { matchLabels: { app: 'reviews' } }, rules: [{}] }),
    ];
    const found = run(policies, [
      ...inMesh,
      edge('unknown', 'default/ratings-v1', { plain: 1, denied: 1 }),
    ]);
    expect(found.map((d) => [d.kind, d.caller ?? null, d.policies])).toEqual([
      // No ALLOW rule matches a caller without identity: the whole ALLOW set of ratings denies it.
      ['authz-denied', 'unknown', ['AuthorizationPolicy default/allow-nothing', 'AuthorizationPolicy default/ratings-viewer']],
      ['plaintext-permissive', 'unknown', []],
      // reviews-viewer allows everything, but no request reached reviews in the window.
      ['authz-unused', null, ['AuthorizationPolicy default/reviews-viewer']],
    ]);
  });

  it('evaluates DENY, namespaces, plaintext principals and operations three-valued', () => {
    const model = buildSecurityModel([
      ...bookinfoBase(),
      authorizationPolicy('default', 'deny-other-ns', { action: 'DENY', rules: [{ from: [{ source: { notNamespaces: ['default'] } }] }] }),
      authorizationPolicy('default', 'ratings-get', { selector: { matchLabels: { app: 'ratings' } }, rules: [{ from: [{ source: { principals: ['*'] } }], to: [{ operation: { methods: ['GET'] } }] }] }),
    ]);
    const ratings = model.index.workloadsIn('default').find((w) => w.name === 'ratings-v1')!;
    const details = model.index.workloadsIn('default').find((w) => w.name === 'details-v1')!;
    // From another namespace over mTLS: the DENY matches for sure.
    expect(decide(model, ratings, { principal: 'cluster.local/ns/test/sa/x', namespace: 'test' })).toEqual({ verdict: 'denied', allowedBy: [], deniedBy: ['default/deny-other-ns'] });
    // Same namespace over mTLS: the ALLOW hangs on the method, which telemetry does not carry.
    expect(decide(model, ratings, { principal: 'cluster.local/ns/default/sa/bookinfo-reviews', namespace: 'default' })).toEqual({
      verdict: 'depends',
      allowedBy: ['default/ratings-get'],
      deniedBy: ['default/ratings-get'],
    });
    // Plaintext: no principal, so principals ["*"] cannot match; notNamespaces matches a caller without namespace.
    expect(decide(model, ratings, {})).toEqual({ verdict: 'denied', allowedBy: [], deniedBy: ['default/deny-other-ns'] });
    expect(decide(model, details, { principal: 'cluster.local/ns/default/sa/bookinfo-productpage', namespace: 'default' })).toEqual({ verdict: 'allowed', allowedBy: [], deniedBy: [] });
  });
});

describe('policy not enforced yet', () => {
  it('requests that got through although the policies deny the caller for sure', () => {
    const found = run([authorizationPolicy('default', 'allow-nothing', {})], [edge('default/productpage-v1', 'default/details-v1', { mtls: 2, denied: 0.5 })]);
    expect(found.map((d) => [d.kind, d.severity, d.rate, d.policies])).toEqual([
      ['authz-denied', 'warning', 0.5, ['AuthorizationPolicy default/allow-nothing']],
      ['authz-not-enforced', 'info', 1.5, ['AuthorizationPolicy default/allow-nothing']],
    ]);
  });
});
