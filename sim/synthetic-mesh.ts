/**
 * A large synthetic mesh for scale tests and benchmarks: N namespaces of services with 1–3 versions
 * each, called through the ingress gateway and each other in a layered (acyclic) call graph with
 * realistic fan-out, some calls across namespaces. Deterministic for a given seed. The output is
 * ordinary Kubernetes and Istio YAML objects, so the simulator and the dashboard read it like Bookinfo.
 */
import { stringify } from 'yaml';
import type { KubeObject } from './config-dir';
import { ANNOTATION_PREFIX } from './model';
import { createRng, type Rng } from './rng';

export interface SyntheticMeshOptions {
  namespaces: number;
  /** Services in total, spread evenly over the namespaces. */
  services: number;
  seed?: number;
}

export interface SyntheticMesh {
  objects: KubeObject[];
  /** Workload (Deployment) count. */
  workloads: number;
  /** Distinct service-to-service call edges. */
  callEdges: number;
  /** Gateway paths, one per namespace frontend. */
  entryPaths: string[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function pickVersions(rng: Rng): number {
  const r = rng.next();
  return r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
}

export function generateSyntheticMesh(options: SyntheticMeshOptions): SyntheticMesh {
  const rng = createRng(options.seed ?? 20);
  const nsCount = Math.max(1, options.namespaces);
  const perNs = Math.max(1, Math.round(options.services / nsCount));
  const nsWidth = String(nsCount).length;
  const svcWidth = String(perNs).length;
  const objects: KubeObject[] = [];
  const services: Array<{ ns: string; name: string; layer: number }> = [];
  for (let n = 1; n <= nsCount; n += 1) {
    const ns = `mesh-${pad(n, nsWidth)}`;
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'istio-injection': 'enabled' } } });
    for (let s = 0; s < perNs; s += 1) {
      // Layer 0 is the namespace's frontend; later layers are called by earlier ones.
      const layer = s === 0 ? 0 : 1 + Math.floor((s / perNs) * 4);
      services.push({ ns, name: s === 0 ? 'frontend' : `svc-${pad(s, svcWidth)}`, layer });
    }
  }
  let workloads = 0;
  let callEdges = 0;
  for (const svc of services) {
    const deeper = services.filter((o) => o.layer > svc.layer && (o.ns === svc.ns || rng.next() < 0.02));
    const fanOut = svc.layer >= 4 || deeper.length === 0 ? 0 : 1 + Math.floor(rng.next() * 3);
    const callees = new Set<(typeof services)[number]>();
    for (let i = 0; i < fanOut; i += 1) {
      const candidate = deeper[Math.floor(rng.next() * deeper.length)];
      if (candidate) callees.add(candidate);
    }
    callEdges += callees.size;
    const calls = [...callees].map((c) => ({
      host: c.ns === svc.ns ? c.name : `${c.name}.${c.ns}.svc.cluster.local`,
      port: 9080,
      path: '/',
      timeoutMs: 5000,
      attempts: 1,
      probability: 0.5 + rng.next() * 0.5,
    }));
    objects.push(
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: svc.name, namespace: svc.ns } },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: svc.name, namespace: svc.ns, labels: { app: svc.name } },
        spec: { selector: { app: svc.name }, ports: [{ name: 'http', port: 9080 }] },
      },
    );
    const versions = pickVersions(rng);
    for (let v = 1; v <= versions; v += 1) {
      workloads += 1;
      const labels = { app: svc.name, version: `v${v}` };
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `${svc.name}-v${v}`, namespace: svc.ns, labels },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: {
            metadata: {
              labels,
              annotations: {
                [`${ANNOTATION_PREFIX}latency-ms`]: (1 + rng.next() * 20).toFixed(1),
                [`${ANNOTATION_PREFIX}error-rate`]: (rng.next() < 0.05 ? 0.05 + rng.next() * 0.2 : rng.next() * 0.004).toFixed(4),
                [`${ANNOTATION_PREFIX}response-bytes`]: String(100 + Math.floor(rng.next() * 5000)),
                [`${ANNOTATION_PREFIX}calls`]: JSON.stringify(calls),
                [`${ANNOTATION_PREFIX}masks-callee-errors`]: rng.next() < 0.5 ? 'true' : 'false',
              },
            },
            spec: { serviceAccountName: svc.name, containers: [{ name: svc.name, image: 'example/synthetic:1' }] },
          },
        },
      });
    }
  }
  const frontends = services.filter((s) => s.layer === 0);
  const entryPaths = frontends.map((f) => `/${f.ns}`);
  objects.push({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'synthetic-frontends', namespace: 'istio-system' },
    spec: {
      hosts: ['*'],
      gateways: ['default/bookinfo-gateway'],
      http: frontends.map((f) => ({ match: [{ uri: { prefix: `/${f.ns}` } }], route: [{ destination: { host: `frontend.${f.ns}.svc.cluster.local`, port: { number: 9080 } } }] })),
    },
  });
  return { objects, workloads, callEdges, entryPaths };
}

/** The mesh as one multi-document YAML file. */
export function syntheticMeshYaml(mesh: SyntheticMesh): string {
  return mesh.objects.map((o) => stringify(o)).join('---\n');
}
