import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryConfigSource } from '@/lib/istio/config-source';
import { createKubernetesConfigSource, serverKubernetesConfigSource } from '@/lib/kube/config-source';
import { startFakeApiServer, type FakeApiServer } from '@/lib/kube/fake-api-server';
import { KUBE_RESOURCES, collectionPath } from '@/lib/kube/resources';
import { parseServerConfig } from '@/lib/server/config';
import { candidatesToTry } from './candidates';
import { checkConnections } from './connections';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];
async function serve(handler: Handler): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

let prom: string;
let broken: string;
let jaeger: string;
let closed: string;
let api: FakeApiServer;

beforeAll(async () => {
  prom = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"1"]}]}}');
  });
  broken = await serve((_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('upstream connect error or disconnect/reset before headers. reset reason: connection failure');
  });
  jaeger = await serve((req, res) => {
    if (req.url === '/jaeger/api/v3/services') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"services":["productpage.default","reviews.default"]}');
    } else {
      res.writeHead(404);
      res.end('404 page not found');
    }
  });
  closed = await serve(() => undefined);
  await new Promise<void>((r) => servers.pop()!.close(() => r()));
  api = await startFakeApiServer();
});
afterAll(async () => {
  for (const s of servers) s.close();
  await api.close();
});

const config = (env: Record<string, string>) => parseServerConfig(env);

describe('connections report', () => {
  it('reports the configured backends that answer, with latency', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-status-'));
    writeFileSync(path.join(dir, 'vs.yaml'), 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a}\nspec: {hosts: [a]}\n');
    const r = await checkConnections({
      config: config({ PROMETHEUS_URL: prom, JAEGER_URL: `${jaeger}/jaeger`, CONFIG_DIR: dir }),
      inCluster: false, configSource: new DirectoryConfigSource(dir),
    });
    const [p, t, c] = r.backends;
    expect(p).toMatchObject({ id: 'prometheus', state: 'ok', used: { url: prom, ok: true } });
    expect(p!.used!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(t).toMatchObject({ id: 'tracing', state: 'ok', used: { ok: true } });
    expect(t!.used!.detail).toContain('2 services');
    expect(c).toMatchObject({ id: 'config', state: 'ok', used: { url: `directory ${dir}`, ok: true, detail: '1 objects read' } });
  });

  it('on failure shows the HTTP status and the start of the body, and outside a cluster tries nothing else', async () => {
    const r = await checkConnections({ config: config({ PROMETHEUS_URL: broken }), inCluster: false, configSource: null, prometheusCandidates: [prom] });
    const p = r.backends[0]!;
    expect(p.state).toBe('failing');
    expect(p.used).toMatchObject({ ok: false, httpStatus: 503 });
    expect(p.used!.bodyStart).toBe('upstream connect error or disconnect/reset before headers. reset reason: connection failure');
    expect(p.candidates).toEqual([]);
    expect(r.backends[1]).toMatchObject({ state: 'not-configured', summary: 'JAEGER_URL is not set' });
    expect(r.backends[2]!.state).toBe('not-configured');
  });

  it('in a cluster tries the addon addresses in order and says which one answered', async () => {
    const r = await checkConnections({
      config: config({ PROMETHEUS_URL: closed }), inCluster: true, configSource: null,
      prometheusCandidates: [broken, prom], tracingCandidates: [`${closed}/jaeger`, `${jaeger}/jaeger`],
    });
    const [p, t] = r.backends;
    expect(p!.state).toBe('found-elsewhere');
    expect(p!.found).toBe(prom);
    expect(p!.summary).toBe(`PROMETHEUS_URL=${closed} does not answer; found Prometheus at ${prom} — set PROMETHEUS_URL=${prom}`);
    expect(p!.used!.error).toContain('unreachable');
    expect(p!.candidates.map((c) => [c.url, c.ok, c.httpStatus])).toEqual([[broken, false, 503], [prom, true, undefined]]);
    expect(t!.found).toBe(`${jaeger}/jaeger`);
    expect(t!.summary).toContain('JAEGER_URL is not set; found Jaeger / Tempo at');
  });

  it('reports the Kubernetes API version, watch state per resource, and a 403 naming the resource', async () => {
    for (const r of KUBE_RESOURCES) if (!r.optional) api.addCollection(collectionPath(r, 'v1'), r.group ? `${r.group}/v1` : 'v1', r.kind);
    api.fail('/api/v1/endpoints', 403);
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-kc-'));
    api.writeKubeconfig(path.join(dir, 'config'));
    const source = createKubernetesConfigSource({ kubeconfig: path.join(dir, 'config'), informer: { backoffMs: 5000 } });
    try {
      const r = await checkConnections({ config: config({ PROMETHEUS_URL: prom }), inCluster: false, configSource: source });
      const k = r.backends[2]!;
      expect(k.id).toBe('kubernetes');
      expect(k.state).toBe('failing');
      expect(k.used).toMatchObject({ url: `${api.url}/version`, ok: true });
      expect(k.summary).toContain('Kubernetes API forbids list on endpoints (403 Forbidden');
      expect(k.facts.find((f) => f.label === 'endpoints')).toMatchObject({ ok: false });
      expect(k.facts.find((f) => f.label === 'pods')).toEqual({ label: 'pods', value: '0 objects, watching', ok: true });
      expect(k.facts.find((f) => f.label === 'virtualservices.networking.istio.io')!.value).toBe('not installed (CRD absent)');
    } finally {
      source.close();
    }
  });
});

describe('connections report with a watch that became forbidden', () => {
  it('is degraded: the API answers and the last objects are served, the failing watch is named', async () => {
    const fresh = await startFakeApiServer();
    for (const r of KUBE_RESOURCES) if (!r.optional) fresh.addCollection(collectionPath(r, 'v1'), r.group ? `${r.group}/v1` : 'v1', r.kind);
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-kc-'));
    fresh.writeKubeconfig(path.join(dir, 'config'));
    const source = createKubernetesConfigSource({ kubeconfig: path.join(dir, 'config'), informer: { backoffMs: 20 } });
    try {
      await source.snapshot();
      await new Promise((r) => setTimeout(r, 100));
      fresh.fail('/api/v1/services', 403);
      fresh.closeWatches();
      const end = Date.now() + 3000;
      while (!source.states().find((s) => s.resource === 'services')?.error && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      const k = (await checkConnections({ config: config({ PROMETHEUS_URL: prom }), inCluster: false, configSource: source })).backends[2]!;
      expect(k.state).toBe('degraded');
      expect(k.summary).toMatch(/^Serving the last objects read; a watch is failing: Kubernetes API forbids watch on services \(403 Forbidden/);
    } finally {
      source.close();
      await fresh.close();
    }
  });
});

describe('connections report without a usable kubeconfig', () => {
  it('says why the Kubernetes configuration cannot be loaded', async () => {
    const r = await checkConnections({ config: config({ PROMETHEUS_URL: prom }), inCluster: false, configSource: serverKubernetesConfigSource('/nonexistent/kubeconfig') });
    expect(r.backends[2]).toMatchObject({ id: 'kubernetes', state: 'failing', used: { ok: false } });
    expect(r.backends[2]!.summary).toContain('Kubernetes configuration cannot be loaded from /nonexistent/kubeconfig');
  });
});

describe('candidate list', () => {
  it('skips the configured URL (also written with :80) and tries nothing outside a cluster', () => {
    const all = ['http://tracing.istio-system/jaeger', 'http://tempo.tempo:3200'];
    expect(candidatesToTry(all, 'http://tracing.istio-system:80/jaeger/', true)).toEqual(['http://tempo.tempo:3200']);
    expect(candidatesToTry(all, undefined, false)).toEqual([]);
  });
});
