import { describe, expect, it } from 'vitest';
import { allWorkloadSecurity, meshStatus, namespaceSecurity, type WorkloadSecurity } from './effective-mode';
import { buildSecurityModel } from './model';
import { bookinfoBase, destinationRule, peerAuth } from './test-objects';

const byName = (ws: readonly WorkloadSecurity[], name: string) => {
  const w = ws.find((x) => x.name === name);
  if (!w) throw new Error(`no workload ${name}`);
  return w;
};
const portModes = (w: WorkloadSecurity) => Object.fromEntries(w.ports.map((p) => [p.port, p.state]));

describe('effective mTLS mode', () => {
  it('without any PeerAuthentication every port is PERMISSIVE (Istio default) and the mesh is not enabled', () => {
    const model = buildSecurityModel(bookinfoBase());
    const ws = allWorkloadSecurity(model);
    expect(portModes(byName(ws, 'ratings-v1'))).toEqual({ 9080: 'PERMISSIVE', 9090: 'PERMISSIVE' });
    expect(byName(ws, 'ratings-v1').ports[0]).toMatchObject({ policy: null, level: 'default' });
    expect(byName(ws, 'netpod').state).toBe('NO_SIDECAR');
    expect(meshStatus(model, ws)).toBe('disabled');
  });

  it('mesh PERMISSIVE + namespace STRICT + workload DISABLE on one port', () => {
    const model = buildSecurityModel([
      ...bookinfoBase(),
      peerAuth('istio-system', 'default', { mtls: { mode: 'PERMISSIVE' } }),
      peerAuth('default', 'ns-strict', { mtls: { mode: 'STRICT' } }),
      peerAuth('default', 'ratings-metrics', { selector: { matchLabels: { app: 'ratings' } }, portLevelMtls: { '9090': { mode: 'DISABLE' } } }),
    ]);
    const ws = allWorkloadSecurity(model);
    const ratings = byName(ws, 'ratings-v1');
    // The workload policy has no top-level mode (UNSET): 9080 inherits the namespace's STRICT.
    expect(portModes(ratings)).toEqual({ 9080: 'STRICT', 9090: 'DISABLE' });
    expect(ratings.ports.find((p) => p.port === 9080)).toMatchObject({ policy: 'default/ns-strict', level: 'namespace' });
    expect(ratings.ports.find((p) => p.port === 9090)).toMatchObject({ policy: 'default/ratings-metrics', level: 'port' });
    expect(ratings.state).toBe('MIXED');
    expect(byName(ws, 'details-v1').state).toBe('STRICT');
    // default: details 9080, ratings 9080 + 9090, reviews 9080 → 3 of 4 ports STRICT.
    expect(namespaceSecurity(model, 'default', ws)).toMatchObject({ status: 'partial', strictPorts: 3, totalPorts: 4, injection: true });
    expect(meshStatus(model, ws)).toBe('partial');
  });

  it('UNSET inherits at every level: mesh STRICT, namespace UNSET, workload PERMISSIVE with port UNSET', () => {
    const model = buildSecurityModel([
      ...bookinfoBase(),
      peerAuth('istio-system', 'default', { mtls: { mode: 'STRICT' } }),
      peerAuth('default', 'ns-unset', { mtls: { mode: 'UNSET' } }),
      peerAuth('default', 'ratings', { selector: { matchLabels: { app: 'ratings' } }, mtls: { mode: 'PERMISSIVE' }, portLevelMtls: { '9080': { mode: 'UNSET' } } }),
    ]);
    const ws = allWorkloadSecurity(model);
    expect(portModes(byName(ws, 'ratings-v1'))).toEqual({ 9080: 'PERMISSIVE', 9090: 'PERMISSIVE' });
    expect(byName(ws, 'details-v1').ports[0]).toMatchObject({ mode: 'STRICT', policy: 'istio-system/default', level: 'mesh' });
    expect(meshStatus(model, ws)).toBe('partial');
  });

  it('mesh-wide STRICT alone enables mTLS everywhere; a client without a sidecar does not count', () => {
    const model = buildSecurityModel([...bookinfoBase(), peerAuth('istio-system', 'default', { mtls: { mode: 'STRICT' } })]);
    const ws = allWorkloadSecurity(model);
    expect(ws.filter((w) => w.sidecar).map((w) => w.state)).toEqual(['STRICT', 'STRICT', 'STRICT']);
    expect(meshStatus(model, ws)).toBe('enabled');
    // `test` has only a workload without a sidecar: the mesh-wide policy decides its status.
    expect(namespaceSecurity(model, 'test', ws)).toMatchObject({ status: 'enabled', totalPorts: 0 });
  });

  it('ignores selector policies in the root namespace and lets the oldest namespace policy win', () => {
    const model = buildSecurityModel([
      ...bookinfoBase(),
      peerAuth('istio-system', 'root-selector', { selector: { matchLabels: { app: 'ratings' } }, mtls: { mode: 'DISABLE' } }),
      peerAuth('default', 'newer', { mtls: { mode: 'DISABLE' } }, '2026-02-01T00:00:00Z'),
      peerAuth('default', 'older', { mtls: { mode: 'STRICT' } }, '2026-01-01T00:00:00Z'),
    ]);
    const ws = allWorkloadSecurity(model);
    expect(portModes(byName(ws, 'ratings-v1'))).toEqual({ 9080: 'STRICT', 9090: 'STRICT' });
    expect(byName(ws, 'ratings-v1').ports[0]?.policy).toBe('default/older');
  });

  it('a DestinationRule disabling TLS towards a STRICT port is a conflict; ISTIO_MUTUAL towards DISABLE too', () => {
    const model = buildSecurityModel([
      ...bookinfoBase(),
      peerAuth('default', 'ns-strict', { mtls: { mode: 'STRICT' } }),
      peerAuth('default', 'details-off', { selector: { matchLabels: { app: 'details' } }, mtls: { mode: 'DISABLE' } }),
      destinationRule('default', 'ratings-plain', { host: 'ratings', trafficPolicy: { portLevelSettings: [{ port: { number: 9090 }, tls: { mode: 'DISABLE' } }] } }),
      destinationRule('default', 'details-mtls', { host: 'details.default.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }),
      destinationRule('default', 'reviews-subsets', { host: 'reviews', subsets: [{ name: 'v2', labels: { version: 'v2' }, trafficPolicy: { tls: { mode: 'SIMPLE' } } }] }),
    ]);
    const ws = allWorkloadSecurity(model);
    const ratings = byName(ws, 'ratings-v1');
    expect(portModes(ratings)).toEqual({ 9080: 'STRICT', 9090: 'CONFLICT' });
    expect(ratings.ports.find((p) => p.port === 9090)?.clientTls).toEqual([{ mode: 'DISABLE', policy: 'default/ratings-plain', host: 'ratings.default.svc.cluster.local' }]);
    expect(byName(ws, 'details-v1').state).toBe('CONFLICT');
    expect(byName(ws, 'reviews-v2').ports[0]?.clientTls).toEqual([{ mode: 'SIMPLE', policy: 'default/reviews-subsets', host: 'reviews.default.svc.cluster.local', subset: 'v2' }]);
    expect(byName(ws, 'reviews-v2').state).toBe('CONFLICT');
    expect(meshStatus(model, ws)).toBe('partial');
  });
});
