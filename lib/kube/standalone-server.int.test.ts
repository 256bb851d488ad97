/**
 * The built standalone server (what deploy/Dockerfile ships) starts from a copy of its output
 * directory — laid out as the Dockerfile lays it out — with only the environment of the image (the
 * Dockerfile's ENV) and the Deployment's env, and answers its probes. Needs `next build` first
 * (NEXT_DIST_DIR picks the build directory); skipped with a notice when there is none, unless
 * REQUIRE_BUILD=1. The one override: PORT, to a free port, so it cannot collide with other servers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIST = process.env.NEXT_DIST_DIR || '.next';
const STANDALONE = path.join(ROOT, DIST, 'standalone');
const built = existsSync(path.join(STANDALONE, 'server.js'));
if (!built) {
  const msg = `no standalone build in ${DIST}/standalone (run next build)`;
  if (process.env.REQUIRE_BUILD === '1') throw new Error(msg);
  console.warn(`[skip] standalone server test: ${msg}`);
}

function manifestEnv(): Record<string, string> {
  const docs = parseAllDocuments(readFileSync(path.join(ROOT, 'deploy/kubernetes/deployment.yaml'), 'utf8')).map((d) => d.toJS());
  const env = docs[0].spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
  // valueFrom entries (SESSION_SECRET from an optional Secret that does not exist) are absent, as in the pod.
  return Object.fromEntries(env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]));
}

function imageEnv(): Record<string, string> {
  const docker = readFileSync(path.join(ROOT, 'deploy/Dockerfile'), 'utf8');
  const run = docker.slice(docker.lastIndexOf('\nFROM '));
  const block = /\nENV ((?:[^\n]*\\\n)*[^\n]*)/.exec(run)![1]!.replace(/\\\n/g, ' ');
  return Object.fromEntries([...block.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

let dir: string;
let child: ChildProcess | undefined;
let base: string;
let log = '';

describe.skipIf(!built)('standalone server', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-standalone-'));
    // As the Dockerfile: standalone/. → /app, static → /app/<dist>/static, public → /app/public
    cpSync(STANDALONE, dir, { recursive: true });
    cpSync(path.join(ROOT, DIST, 'static'), path.join(dir, DIST, 'static'), { recursive: true });
    cpSync(path.join(ROOT, 'public'), path.join(dir, 'public'), { recursive: true });
    const port = await freePort();
    const env = { ...imageEnv(), ...manifestEnv(), PORT: String(port) } as unknown as NodeJS.ProcessEnv;
    const proc = spawn(process.execPath, ['server.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout.on('data', (d: Buffer) => (log += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (log += d.toString()));
    base = `http://127.0.0.1:${port}`;
    const end = Date.now() + 60_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`server exited ${proc.exitCode}:\n${log}`);
      const ok = await fetch(`${base}/api/health/live`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > end) throw new Error(`server did not answer within 60 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  });
  afterAll(() => {
    child?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('uses only the image and Deployment environment', () => {
    expect(Object.keys({ ...imageEnv(), ...manifestEnv() }).sort()).toEqual(
      ['AUTH_MODE', 'CONFIG_SOURCE', 'HOSTNAME', 'JAEGER_URL', 'NEXT_TELEMETRY_DISABLED', 'NODE_ENV', 'PORT', 'PROMETHEUS_SCRAPE_INTERVAL', 'PROMETHEUS_URL'],
    );
    expect(log).toContain('[meshscope] Prometheus: http://prometheus.istio-system:9090; Jaeger: http://tracing.istio-system/jaeger; config source: kubernetes; auth: anonymous');
  });

  it('answers liveness, and readiness says Prometheus is not there (no cluster here)', async () => {
    const live = await fetch(`${base}/api/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, prometheus: { url: 'http://prometheus.istio-system:9090', ok: false } });
  });

  it('serves pages with their static assets from the copied output', async () => {
    const html = await (await fetch(`${base}/status`)).text();
    expect(html).toContain('Connections');
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`${base}${asset}`)).status).toBe(200);
    expect((await fetch(`${base}/meshscope.svg`)).status).toBe(200);
  });

  it('reports on /api/status that the Kubernetes API cannot be reached outside a cluster', async () => {
    const res = await fetch(`${base}/api/status`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { backends: Array<{ id: string; state: string; summary: string }> };
    const k = body.backends.find((b) => b.id === 'kubernetes')!;
    expect(k.state).toBe('failing');
    expect(k.summary).toContain('Kubernetes configuration cannot be loaded');
  });
});
