/**
 * `meshscope validate` as CI runs it: the bin is spawned, exit codes and output are checked against
 * hand-written inputs (line numbers counted by hand in the fixtures below).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '@/lib/kube/fake-api-server';
import { collectionPath, KUBE_RESOURCES } from '@/lib/kube/resources';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/meshscope.js');

function run(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, KUBECONFIG: '/nonexistent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-cli-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

const BROKEN = write(
  'broken.yaml',
  // line 1-4: a fine document; line 6: the bad indentation
  `apiVersion: v1
kind: Namespace
metadata:
  name: ok
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: x
 spec: {}
`,
);

const WARN_ONLY = write(
  'warn.yaml',
  `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v1, namespace: shop}
spec: {template: {metadata: {labels: {app: reviews, version: v1}}, spec: {containers: [{name: reviews}]}}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews
  subsets:
    - {name: v1, labels: {version: v1}}
    - {name: canary, labels: {version: v9}}
`,
);

describe('meshscope validate (spawned)', () => {
  it('the demo config: exit 0, "No problems found."', async () => {
    const r = await run(['validate', 'sim/bookinfo']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('No problems found.');
  });

  it('a route to a missing subset: exit 1 and the documented JSON shape with file and line', async () => {
    const r = await run(['validate', '--output', 'json', 'sim/bookinfo', 'sim/scenarios/missing-subset.yaml']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>> };
    expect(Object.keys(out)).toEqual(['findings']);
    expect(out.findings).toHaveLength(1);
    const f = out.findings[0]!;
    expect(Object.keys(f).sort()).toEqual(['code', 'file', 'kind', 'line', 'message', 'name', 'namespace', 'path', 'severity']);
    expect(f).toMatchObject({ code: 'KIA1107', severity: 'error', kind: 'VirtualService', namespace: 'default', name: 'reviews', path: 'spec/http[0]/route[0]/destination' });
    expect(f.file).toBe('sim/scenarios/missing-subset.yaml'); // as given on the command line
    // line 10 of missing-subset.yaml is `- destination: {host: reviews, subset: v4}`
    expect(readFileSync(path.join(ROOT, 'sim/scenarios/missing-subset.yaml'), 'utf8').split('\n')[9]).toContain('subset: v4');
    expect(f.line).toBe(10);
  });

  it('a YAML parse error is a finding naming the file and line; exit 1', async () => {
    const r = await run(['validate', '-o', 'json', BROKEN]);
    expect(r.code).toBe(1);
    const { findings } = JSON.parse(r.stdout) as { findings: Array<{ code: string; file: string; line: number; severity: string }> };
    expect(findings.map((f) => [f.code, f.severity, f.file, f.line])).toEqual([['MSC0001', 'error', BROKEN, 10]]);
  });

  it('warnings only: exit 0; text output names file:line', async () => {
    const r = await run(['validate', WARN_ONLY], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warn.yaml:18: warning KIA0203 DestinationRule shop/reviews spec/subsets[1]');
    expect(r.stdout).toContain('0 error(s), 1 warning(s), 0 note(s).');
  });

  it('SARIF: one result per finding with its rule, level and region', async () => {
    const r = await run(['validate', '--output', 'sarif', 'sim/scenarios/missing-subset.yaml', 'sim/bookinfo']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    expect(sarif.version).toBe('2.1.0');
    const res = sarif.runs[0]!.results;
    expect(res.map((x) => [x.ruleId, x.level, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine])).toEqual([
      ['KIA1107', 'error', 'sim/scenarios/missing-subset.yaml', 10],
    ]);
  });

  it('usage errors exit 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['validate'])).code).toBe(2);
    const bad = await run(['validate', '--output', 'xml', 'sim/bookinfo']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--output must be text, json or sarif');
    expect((await run(['validate', '--bogus', 'x'])).code).toBe(2);
    expect((await run(['lint', 'x'])).code).toBe(2);
  });

  it('a path that does not exist is a finding (exit 1), not a crash', async () => {
    const r = await run(['validate', '-o', 'json', path.join(dir, 'nope.yaml')]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: Array<{ code: string }> }).findings.map((f) => f.code)).toEqual(['MSC0006']);
  });
});

describe('meshscope validate --kube (spawned, against a fake Kubernetes API)', () => {
  let api: FakeApiServer;
  let kubeconfig: string;
  beforeAll(async () => {
    api = await startFakeApiServer();
    for (const r of KUBE_RESOURCES) api.addCollection(collectionPath(r, r.versions[0]!), r.group ? `${r.group}/${r.versions[0]}` : r.versions[0]!, r.kind);
    api.upsert('/api/v1/services', { metadata: { name: 'reviews', namespace: 'shop' }, spec: { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] } });
    api.upsert('/apis/apps/v1/deployments', { metadata: { name: 'reviews-v1', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'reviews', version: 'v1' } }, spec: { containers: [{ name: 'r' }] } } } });
    api.upsert('/apis/networking.istio.io/v1/destinationrules', { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'reviews', namespace: 'shop' }, spec: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] } });
    kubeconfig = path.join(dir, 'kubeconfig');
    api.writeKubeconfig(kubeconfig);
  });
  afterAll(async () => {
    await api.close();
  });

  it('the cluster alone is valid: exit 0', async () => {
    const r = await run(['validate', '--kube', '--kubeconfig', kubeconfig, '-o', 'json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ findings: [] });
    expect(r.code).toBe(0);
  });

  it('a file validated against the cluster: its route to v2 is flagged, v1 (defined in the cluster) is not', async () => {
    const file = write(
      'route.yaml',
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http:
    - route:
        - {destination: {host: reviews, subset: v1}, weight: 90}
        - {destination: {host: reviews, subset: v2}, weight: 10}
`,
    );
    const r = await run(['validate', '--kube', '--kubeconfig', kubeconfig, '-o', 'json', file]);
    const { findings } = JSON.parse(r.stdout) as { findings: Array<{ code: string; path: string; line: number }> };
    expect(findings.map((f) => `${f.code} ${f.path} ${f.line}`)).toEqual(['KIA1107 spec/http[0]/route[1]/destination 9']);
    expect(r.code).toBe(1);
  });

  it('no reachable cluster: a clear message, exit 2', async () => {
    const r = await run(['validate', '--kube', '--kubeconfig', path.join(dir, 'missing-kubeconfig')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read the cluster config/);
  });
});
