/**
 * The security review on a large mesh: 100 namespaces × 20 workloads (each behind a Service), per
 * namespace a namespace-wide and a workload PeerAuthentication with a port-level override, a
 * DestinationRule and three AuthorizationPolicies, and 10,000 destination-reported edges (5 callers
 * per workload, some plaintext, some denied). Measures buildSecurityReport (model + effective modes +
 * edges + authorization + disagreements), the median of 5 runs.
 */
import type { ConfigObject } from '../lib/istio/yaml-loader';
import type { VectorSample } from '../lib/prometheus/types';
import { buildSecurityModel } from '../lib/security/model';
import { buildSecurityReport } from '../lib/security/report';
import { authorizationPolicy, deployment, destinationRule, namespace, peerAuth, service } from '../lib/security/test-objects';
import type { Benchmark } from './types';

const NAMESPACES = 100;
const WORKLOADS = 20;
const CALLERS = 5;

function config(): ConfigObject[] {
  const out: ConfigObject[] = [namespace('istio-system'), peerAuth('istio-system', 'default', { mtls: { mode: 'PERMISSIVE' } })];
  for (let n = 0; n < NAMESPACES; n += 1) {
    const ns = `ns-${n}`;
    out.push(namespace(ns, { 'istio-injection': 'enabled' }));
    out.push(peerAuth(ns, 'default', { mtls: { mode: n % 2 === 0 ? 'STRICT' : 'PERMISSIVE' } }));
    out.push(peerAuth(ns, 'w0-metrics', { selector: { matchLabels: { app: 'w0' } }, portLevelMtls: { '9090': { mode: 'DISABLE' } } }));
    out.push(destinationRule(ns, 'w1', { host: 'w1', trafficPolicy: { tls: { mode: n % 10 === 0 ? 'DISABLE' : 'ISTIO_MUTUAL' } } }));
    out.push(authorizationPolicy(ns, 'deny-foreign', { action: 'DENY', rules: [{ from: [{ source: { notNamespaces: [ns, 'istio-system'] } }] }] }));
    out.push(authorizationPolicy(ns, 'w2-viewer', { selector: { matchLabels: { app: 'w2' } }, rules: [{ from: [{ source: { principals: [`cluster.local/ns/${ns}/sa/w1`] } }], to: [{ operation: { methods: ['GET'] } }] }] }));
    out.push(authorizationPolicy(ns, 'w3-all', { selector: { matchLabels: { app: 'w3' } }, rules: [{}] }));
    for (let w = 0; w < WORKLOADS; w += 1) {
      out.push(service(ns, `w${w}`, { app: `w${w}` }, [[9080, 9080], [9090, 9090]]));
      out.push(deployment(ns, `w${w}-v1`, { app: `w${w}`, version: 'v1' }, { sa: `w${w}`, inject: !(w === 19 && n % 5 === 0) }));
    }
  }
  return out;
}

function vectors(): VectorSample[] {
  const out: VectorSample[] = [];
  for (let n = 0; n < NAMESPACES; n += 1) {
    for (let w = 0; w < WORKLOADS; w += 1) {
      for (let c = 0; c < CALLERS; c += 1) {
        const src = (w + c + 1) % WORKLOADS;
        const plaintext = c === 4 && n % 3 === 0;
        out.push({
          metric: {
            source_workload_namespace: plaintext ? 'unknown' : `ns-${n}`,
            source_workload: plaintext ? 'unknown' : `w${src}-v1`,
            source_principal: plaintext ? 'unknown' : `spiffe://cluster.local/ns/ns-${n}/sa/w${src}`,
            destination_workload_namespace: `ns-${n}`,
            destination_workload: `w${w}-v1`,
            destination_service: `w${w}.ns-${n}.svc.cluster.local`,
            connection_security_policy: plaintext ? 'none' : 'mutual_tls',
            response_code: w === 2 && c === 0 ? '403' : '200',
            response_flags: '-',
          },
          value: 1 + c,
          timestampSec: 1,
        });
      }
    }
  }
  return out;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'security-review-2000-workloads',
    unit: 'ms',
    target: 500,
    better: 'lower',
    async run() {
      const objects = config();
      const http = vectors();
      const namespaces = Array.from({ length: NAMESPACES }, (_, n) => `ns-${n}`);
      const times: number[] = [];
      let disagreements = 0;
      for (let i = 0; i < 5; i += 1) {
        const t0 = performance.now();
        const report = buildSecurityReport({ model: buildSecurityModel(objects), http, tcp: [], req: { namespaces, durationSec: 300 }, timestamp: 1 });
        times.push(performance.now() - t0);
        disagreements = report.disagreements.length;
      }
      times.sort((a, b) => a - b);
      console.log(`\n  ${objects.length} objects, ${http.length} edges, ${disagreements} disagreements; runs ${times.map((t) => t.toFixed(0)).join(' ')} ms`);
      return times[2] as number;
    },
  },
];
