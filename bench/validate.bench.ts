/**
 * Validator benchmark (issue 6). validate_ms_10000: validateConfig over a generated mesh of 10,000
 * objects (200 namespaces × 8 apps: Service, ServiceAccount, two Deployments, DestinationRule with
 * subsets, VirtualService with a weighted split; plus a Namespace and a Gateway per namespace; one
 * broken subset reference in 1 app out of 20). Median of 5 runs after a warm-up. Target < 1000 ms.
 */
import { snapshotOf } from '../lib/istio/config-source';
import type { K8sObject } from '../lib/istio/types';
import { validateConfig } from '../lib/istio/validate';
import type { ConfigObject } from '../lib/istio/yaml-loader';
import type { Benchmark } from './types';

export function generateMesh(namespaces: number, apps: number): ConfigObject[] {
  const out: K8sObject[] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n}`;
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'istio-injection': 'enabled' } } });
    out.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: ns },
      spec: { selector: { app: 'app-0' }, servers: [{ port: { number: 9080, name: 'http', protocol: 'HTTP' }, hosts: [`${ns}.example.com`] }] },
    });
    for (let a = 0; a < apps; a++) {
      const app = `app-${a}`;
      const meta = { name: app, namespace: ns };
      out.push({ apiVersion: 'v1', kind: 'Service', metadata: meta, spec: { selector: { app }, ports: [{ name: 'http', port: 9080 }] } });
      out.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta });
      for (const v of ['v1', 'v2']) {
        out.push({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: `${app}-${v}`, namespace: ns },
          spec: { template: { metadata: { labels: { app, version: v } }, spec: { serviceAccountName: app, containers: [{ name: app }] } } },
        });
      }
      out.push({
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: meta,
        spec: { host: app, subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }], trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } },
      });
      const next = `app-${(a + 1) % apps}.${ns}.svc.cluster.local`;
      const broken = (n * apps + a) % 20 === 7;
      out.push({
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: meta,
        spec: {
          hosts: [app],
          ...(a === 0 ? { gateways: ['mesh', 'gw'], hosts: [app, `${ns}.example.com`] } : {}),
          http: [
            { match: [{ headers: { 'x-canary': { exact: '1' } } }], route: [{ destination: { host: app, subset: broken ? 'v3' : 'v2' } }] },
            { route: [{ destination: { host: app, subset: 'v1' }, weight: 90 }, { destination: { host: app, subset: 'v2' }, weight: 10 }], mirror: { host: next } },
          ],
        },
      });
    }
  }
  return out.map((object) => ({ object }));
}

export const benchmarks: Benchmark[] = [
  {
    name: 'validate_ms_10000',
    unit: 'ms',
    target: 1000,
    better: 'lower',
    async run() {
      const objects = generateMesh(200, 8);
      const snapshot = snapshotOf(objects);
      const first = validateConfig(snapshot).findings;
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        validateConfig(snapshot);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const errors = first.filter((f) => f.severity === 'error').length;
      console.log(`validate_ms_10000: ${objects.length} objects, ${first.length} findings (${errors} errors), runs ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
      return times[2]!;
    },
  },
];
