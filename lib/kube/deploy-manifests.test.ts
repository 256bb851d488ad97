/** deploy/kubernetes and deploy/Dockerfile: they parse, and agree with each other and with the code. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseServerConfig, SERVER_ENV_VARS } from '@/lib/server/config';
import { PROMETHEUS_CANDIDATES, TRACING_CANDIDATES } from '@/lib/status/candidates';
import { KUBE_RESOURCES } from './resources';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIR = path.join(ROOT, 'deploy', 'kubernetes');
/** Variables the Next standalone server itself reads (not Meshscope's config). */
const RUNTIME_VARS = ['HOSTNAME', 'PORT'];

type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

function load(file: string): Doc[] {
  return parseAllDocuments(readFileSync(path.join(DIR, file), 'utf8')).map((d) => {
    expect(d.errors, `${file}: YAML errors`).toEqual([]);
    return d.toJS() as Doc;
  });
}

const kustomization = load('kustomization.yaml')[0]!;
const docs = (kustomization.resources as string[]).flatMap(load);
const one = (kind: string, name?: string) => {
  const found = docs.filter((d) => d.kind === kind && (!name || d.metadata.name === name));
  expect(found, `${kind} ${name ?? ''}`).toHaveLength(1);
  return found[0]!;
};
const deployment = one('Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const env = Object.fromEntries((container.env as Array<{ name: string; value?: string }>).map((e) => [e.name, e.value]));

describe('deploy/kubernetes', () => {
  it('lists every manifest in the kustomization, each a Kubernetes object', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort();
    expect([...(kustomization.resources as string[])].sort()).toEqual(files);
    for (const d of docs) expect(d.apiVersion && d.kind && d.metadata?.name, JSON.stringify(d).slice(0, 80)).toBeTruthy();
    expect(one('Namespace').metadata.name).toBe(kustomization.namespace);
  });

  it('runs the Deployment as a ServiceAccount that exists and is bound to the roles', () => {
    const sa = one('ServiceAccount', pod.serviceAccountName);
    const bound = (role: string) => docs.filter((d) => d.kind === 'ClusterRoleBinding' && d.roleRef.name === role)
      .flatMap((b) => b.subjects.map((s: { kind: string; name: string; namespace: string }) => `${s.kind}/${s.namespace}/${s.name}`)).sort();
    const ns = kustomization.namespace;
    expect(bound('meshscope-reader')).toEqual([`ServiceAccount/${ns}/${sa.metadata.name}`, `ServiceAccount/${ns}/meshscope-viewer`]);
    expect(bound('meshscope-token-review')).toEqual([`ServiceAccount/${ns}/${sa.metadata.name}`]);
    one('ServiceAccount', 'meshscope-viewer');
    for (const b of docs.filter((d) => d.kind === 'ClusterRoleBinding')) one('ClusterRole', b.roleRef.name);
  });

  it('selects the Deployment pods from the NodePort Service, on a named container port', () => {
    const svc = one('Service');
    const labels = deployment.spec.template.metadata.labels;
    expect(svc.spec.type).toBe('NodePort');
    expect(Object.entries(svc.spec.selector).every(([k, v]) => labels[k] === v)).toBe(true);
    expect(Object.entries(deployment.spec.selector.matchLabels).every(([k, v]) => labels[k] === v)).toBe(true);
    const portNames = (container.ports as Array<{ name: string }>).map((p) => p.name);
    expect(portNames).toContain(svc.spec.ports[0].targetPort);
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
  });

  it('grants only get/list/watch, on exactly the resources lib/kube lists and watches', () => {
    const rules = one('ClusterRole', 'meshscope-reader').rules as Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }>;
    const granted = rules.flatMap((r) => {
      expect(r.verbs).toEqual(['get', 'list', 'watch']);
      return r.apiGroups.flatMap((g) => r.resources.map((res) => `${g}/${res}`));
    }).sort();
    expect(granted).toEqual(KUBE_RESOURCES.map((r) => `${r.group}/${r.plural}`).sort());
    const review = one('ClusterRole', 'meshscope-token-review').rules;
    expect(review).toEqual([
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ]);
  });

  it('sets only env vars the server reads, with values its config accepts, defaulting to the Istio addons', () => {
    const names = (container.env as Array<{ name: string }>).map((e) => e.name);
    for (const n of names) expect([...SERVER_ENV_VARS, ...RUNTIME_VARS], n).toContain(n);
    for (const n of ['PROMETHEUS_URL', 'JAEGER_URL', 'CONFIG_SOURCE', 'AUTH_MODE', 'SESSION_SECRET']) expect(names).toContain(n);
    const config = parseServerConfig(Object.fromEntries(Object.entries(env).filter(([k]) => !RUNTIME_VARS.includes(k))));
    expect(config.prometheus.url).toBe(PROMETHEUS_CANDIDATES[0]);
    expect(config.jaeger.url).toBe(TRACING_CANDIDATES[0]);
    expect(config.configSource.kind).toBe('kubernetes');
    const secret = (container.env as Array<{ name: string; valueFrom?: any }>).find((e) => e.name === 'SESSION_SECRET')!; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(secret.valueFrom.secretKeyRef).toMatchObject({ name: 'meshscope-session', optional: true });
  });

  it('probes the health routes that exist, non-root, read-only root filesystem, no capabilities', () => {
    expect(container.livenessProbe.httpGet.path).toBe('/api/health/live');
    expect(container.startupProbe.httpGet.path).toBe('/api/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/api/health/ready');
    for (const p of ['live', 'ready']) expect(existsSync(path.join(ROOT, 'app/api/health', p, 'route.ts'))).toBe(true);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    const mounts = (container.volumeMounts as Array<{ name: string; mountPath: string }>).map((m) => m.mountPath).sort();
    expect(mounts).toEqual(['/app/.next/cache', '/tmp']);
    for (const m of container.volumeMounts) expect(pod.volumes.find((v: { name: string }) => v.name === m.name).emptyDir).toBeDefined();
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
  });
});

describe('deploy/Dockerfile', () => {
  const text = readFileSync(path.join(ROOT, 'deploy', 'Dockerfile'), 'utf8');
  const run = text.slice(text.lastIndexOf('\nFROM '));
  it('runs one node process from the standalone output as the numeric non-root user of the manifests', () => {
    expect(run).toMatch(/\nUSER 1000:1000\n/);
    expect(run).toMatch(/\nCMD \["node", "server\.js"\]\n?$/);
    expect(run).toContain('/api/health/live');
    expect(run).toMatch(/EXPOSE 3000/);
    expect(container.ports[0].containerPort).toBe(3000);
    expect(text).toContain('cp -r .next/standalone/. /out/');
    expect(text).toContain('cp -r .next/static /out/.next/static');
    expect(text).toContain('cp -r public /out/public');
  });
});
