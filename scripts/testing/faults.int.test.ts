/**
 * Fault tests against real processes: the built dashboard (`next start`), a real Prometheus scraping
 * the Bookinfo simulator, and a tiny local HTTP server playing a broken Prometheus.
 *  - Prometheus killed mid-session → /api/graph answers 503 naming Prometheus, the server stays up,
 *    and the graph comes back by itself once Prometheus is restarted (no restart of the dashboard).
 *  - The simulator restarted (every counter back to 0) → no negative rates, no spike.
 *  - Prometheus answering garbage, a 5xx, an error envelope, or nothing → a clear 502/504, no crash;
 *    one failing non-essential query → a partial graph with a warning.
 *  - Jaeger gone → the graph is not affected.
 * Needs the built app (`npm run build`, or NEXT_DIST_DIR=.next-N of a slot build).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraphQueries } from '../../lib/graph/queries';
import type { GraphResponse } from '../../lib/graph/types';
import { startApp, type AppProcess } from '../stack/app';
import { freePort } from '../stack/processes';
import { startPrometheus, startVictoriaMetrics, type MetricsEngine } from '../stack/prometheus';
import { startSimulator, type SimulatorProcess } from '../stack/simulator';

const root = path.resolve(import.meta.dirname, '..', '..');
const built = existsSync(path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'));
if (!built) console.warn('[faults] the dashboard is not built (npm run build): fault tests fail');

const SCRAPE_SEC = 1;
const SIM_RPS = 10;
const GATEWAY = 'vapp:istio-system:istio-ingressgateway:';

interface Answer {
  status: number;
  body: { error?: string; code?: string; backend?: string; upstreamStatus?: number } & Partial<GraphResponse>;
}

async function getGraph(app: AppProcess, query: string): Promise<Answer> {
  const res = await fetch(`${app.url}/api/graph?${query}`, { signal: AbortSignal.timeout(30_000) });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

async function alive(app: AppProcess): Promise<boolean> {
  const res = await fetch(`${app.url}/api/health/live`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  return res?.status === 200;
}

/** Polls like a browser on a 1 s refresh until `ok` holds; returns the answer and how many polls it took. */
async function pollUntil(app: AppProcess, query: string, ok: (a: Answer) => boolean, maxPolls: number): Promise<{ answer: Answer; polls: number }> {
  let answer: Answer | undefined;
  for (let polls = 1; polls <= maxPolls; polls += 1) {
    answer = await getGraph(app, query);
    if (ok(answer)) return { answer, polls };
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`no good answer after ${maxPolls} polls; last: ${answer?.status} ${JSON.stringify(answer?.body).slice(0, 300)}`);
}

const hasTraffic = (a: Answer) => a.status === 200 && (a.body.edges?.some((e) => e.source === GATEWAY && e.rps > 0) ?? false);

// The same faults with VictoriaMetrics as the metrics engine: its rate() treats resets and window
// edges its own way, and it must not show negative rates either.
describe.runIf(built).each(['prometheus', 'victoria-metrics'] as const)('faults against a real %s and simulator', (kind) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-faults-'));
  const configDir = path.join(dir, 'config');
  const promDir = path.join(dir, 'prometheus', 'data');
  let sim: SimulatorProcess | undefined;
  let prometheus: MetricsEngine | undefined;
  let app: AppProcess | undefined;
  let simPort = 0;
  let promPort = 0;

  const startSim = async () => startSimulator({ port: simPort, configDir, logDir: dir, rps: SIM_RPS, seed: 7 });
  const startProm = async () => (kind === 'prometheus' ? startPrometheus : startVictoriaMetrics)({ port: promPort, dataDir: promDir, scrapeTargets: [`127.0.0.1:${simPort}`], scrapeIntervalSec: SCRAPE_SEC });

  beforeAll(async () => {
    [simPort, promPort] = [await freePort(), await freePort()];
    sim = await startSim();
    prometheus = await startProm();
    app = await startApp({
      port: await freePort(),
      logDir: dir,
      env: {
        PROMETHEUS_URL: prometheus.url,
        PROMETHEUS_SCRAPE_INTERVAL: `${SCRAPE_SEC}s`,
        PROMETHEUS_TIMEOUT_MS: '3000',
        // Jaeger is gone for the whole session: a closed port.
        JAEGER_URL: `http://127.0.0.1:${await freePort()}`,
        CONFIG_SOURCE: 'directory',
        CONFIG_DIR: configDir,
        QUERY_CACHE_TTL_MS: '500',
        QUERY_TIME_QUANTUM_MS: '1000',
      },
    });
    await pollUntil(app, 'namespaces=default&duration=10s', hasTraffic, 60);
  });

  afterAll(async () => {
    await app?.stop();
    await prometheus?.stop();
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the engine killed: 503 naming Prometheus, the server stays up; restarted: the graph recovers by itself', async () => {
    if (!app || !prometheus) throw new Error('stack not started');
    await prometheus.process.stop(0); // SIGKILL at once
    // Past the cache's TTL (0.5 s) and time quantum (1 s): what the cache held is no answer any more.
    await new Promise((r) => setTimeout(r, 1100));
    const down = await getGraph(app, 'namespaces=default&duration=10s');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ code: 'backend_unavailable', backend: 'prometheus' });
    expect(down.body.error).toMatch(/^Prometheus at http:\/\/127\.0\.0\.1:\d+ is unreachable/);
    expect(await alive(app)).toBe(true);
    const ready = await fetch(`${app.url}/api/health/ready`);
    expect(ready.status).toBe(503);

    prometheus = await startProm();
    // The dashboard needs no restart: no more than two 1 s refreshes once the engine is back, it
    // answers with a graph again.
    const { polls } = await pollUntil(app, 'namespaces=default&duration=10s', (a) => a.status === 200, 2);
    expect(polls).toBeLessThanOrEqual(2);
    // Prometheus kept its samples in the WAL: the traffic is back at once. VictoriaMetrics loses the
    // samples it had not flushed when SIGKILLed, so its window needs a few new scrapes first.
    await pollUntil(app, 'namespaces=default&duration=10s', hasTraffic, kind === 'prometheus' ? 2 : 20);
  });

  it('Jaeger gone: only the trace API fails (503 naming Jaeger), the graph is not affected', async () => {
    if (!app) throw new Error('stack not started');
    const traces = await fetch(`${app.url}/api/traces/services`);
    expect(traces.status).toBe(503);
    expect(await traces.json()).toMatchObject({ code: 'backend_unavailable', backend: 'jaeger' });
    const g = await getGraph(app, 'namespaces=default&duration=10s');
    expect(g.status).toBe(200);
    expect(hasTraffic(g)).toBe(true);
    expect(g.body.warnings?.join(' ') ?? '').not.toMatch(/jaeger/i);
  });

  it('the simulator restarted (every counter back to 0): no negative rates and no spike', async () => {
    if (!app || !sim) throw new Error('stack not started');
    const before = await getGraph(app, 'namespaces=default&duration=10s');
    expect(hasTraffic(before)).toBe(true);
    await sim.stop();
    sim = await startSim();
    // Poll for 12 s: every 10 s window from "only old counters" to "only new counters" spans the reset.
    const seen: number[] = [];
    const deadline = Date.now() + 12_000;
    while (Date.now() < deadline) {
      const g = await getGraph(app, 'namespaces=default&duration=10s');
      expect(g.status).toBe(200);
      for (const e of g.body.edges ?? []) {
        expect(e.rps, `${e.source} → ${e.target}`).toBeGreaterThanOrEqual(0);
        expect(e.errorRate).toBeGreaterThanOrEqual(0);
        expect(e.errorRate).toBeLessThanOrEqual(1);
        for (const r of e.responses) expect(r.rps).toBeGreaterThanOrEqual(0);
      }
      for (const n of g.body.nodes ?? []) {
        for (const v of [n.traffic.inRps, n.traffic.outRps, n.traffic.tcpInBps, n.traffic.tcpOutBps]) expect(v).toBeGreaterThanOrEqual(0);
      }
      const gateway = g.body.edges?.find((e) => e.source === GATEWAY);
      if (gateway) seen.push(gateway.rps);
      await new Promise((r) => setTimeout(r, 1000));
    }
    // A reset read as a drop would give a huge negative (or, with `increase` gone wrong, a huge
    // positive) rate; rate() must stay around the simulator's 10 rps at the gateway.
    expect(seen.length).toBeGreaterThan(3);
    expect(Math.max(...seen)).toBeLessThan(SIM_RPS * 2);
  });
});

type Mode = 'ok' | 'garbage' | 'http500' | 'error-envelope' | 'hang' | 'latency-500';

/** A broken Prometheus: answers /api/v1/query as told by `mode`. */
function fakePrometheus(): { server: Server; setMode(m: Mode): void; hits: () => number } {
  let mode: Mode = 'ok';
  let hits = 0;
  const latencyQuery = buildGraphQueries({ namespaces: ['default'], durationSec: 60, idleEdges: false }).durationBuckets;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      hits += 1;
      const query = new URLSearchParams(body).get('query') ?? '';
      const ok = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
      };
      switch (mode) {
        case 'ok':
          return ok();
        case 'garbage':
          res.writeHead(200, { 'content-type': 'text/html' });
          return res.end('<html><body>upstream proxy says hello</body></html>');
        case 'http500':
          res.writeHead(500, { 'content-type': 'text/plain' });
          return res.end('internal server error');
        case 'error-envelope':
          res.writeHead(422, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory' }));
        case 'hang':
          return; // never answers
        case 'latency-500':
          if (query === latencyQuery) {
            res.writeHead(503, { 'content-type': 'text/plain' });
            return res.end('overloaded');
          }
          return ok();
      }
    });
  });
  return { server, setMode: (m) => { mode = m; }, hits: () => hits };
}

describe.runIf(built)('faults: Prometheus answering garbage, 5xx, errors or nothing', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-faults-fake-'));
  const fake = fakePrometheus();
  let app: AppProcess | undefined;
  let t = 1_800_000_000;
  // A distinct evaluation time per request, so the cache never answers for the broken backend.
  const graph = () => getGraph(app as AppProcess, `namespaces=default&duration=60s&queryTime=${(t += 10)}`);

  beforeAll(async () => {
    const port = await freePort();
    await new Promise<void>((r) => fake.server.listen(port, '127.0.0.1', () => r()));
    app = await startApp({
      port: await freePort(),
      logDir: dir,
      env: { PROMETHEUS_URL: `http://127.0.0.1:${port}`, PROMETHEUS_TIMEOUT_MS: '1500', QUERY_CACHE_TTL_MS: '500' },
    });
  });

  afterAll(async () => {
    await app?.stop();
    fake.server.closeAllConnections();
    await new Promise((r) => fake.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('garbage (HTML with 200): 502 saying the body is not JSON', async () => {
    fake.setMode('garbage');
    const a = await graph();
    expect(a.status).toBe(502);
    expect(a.body).toMatchObject({ code: 'backend_bad_response', backend: 'prometheus', upstreamStatus: 200 });
    expect(a.body.error).toContain('a body that is not JSON: <html><body>upstream proxy says hello');
  });

  it('a 5xx: 502 with the upstream status', async () => {
    fake.setMode('http500');
    const a = await graph();
    expect(a.status).toBe(502);
    expect(a.body).toMatchObject({ code: 'backend_bad_response', backend: 'prometheus', upstreamStatus: 500 });
    expect(a.body.error).toContain('HTTP 500');
  });

  it("Prometheus's own error envelope: 502 with its message", async () => {
    fake.setMode('error-envelope');
    const a = await graph();
    expect(a.status).toBe(502);
    expect(a.body).toMatchObject({ code: 'backend_error', backend: 'prometheus', upstreamStatus: 422 });
    expect(a.body.error).toContain('execution: query processing would load too many samples into memory');
  });

  it('no answer at all: 504 after PROMETHEUS_TIMEOUT_MS, not a hung request', async () => {
    fake.setMode('hang');
    const started = Date.now();
    const a = await graph();
    const took = Date.now() - started;
    expect(a.status).toBe(504);
    expect(a.body).toMatchObject({ code: 'backend_timeout', backend: 'prometheus' });
    expect(a.body.error).toContain('did not answer within 1500 ms');
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(6000);
  });

  it('only the latency query failing: 200 with a partial-graph warning', async () => {
    fake.setMode('latency-500');
    const a = await graph();
    expect(a.status).toBe(200);
    expect(a.body.warnings).toContainEqual(expect.stringMatching(/^Partial graph: no response times \(latency\) — its query failed \(Prometheus at .* answered HTTP 503/));
  });

  it('after all that the server is alive and answers normally again', async () => {
    if (!app) throw new Error('app not started');
    expect(await alive(app)).toBe(true);
    fake.setMode('ok');
    const a = await graph();
    expect(a.status).toBe(200);
    expect(a.body.warnings?.some((w) => w.startsWith('Partial graph'))).toBe(false);
    expect(fake.hits()).toBeGreaterThan(5 * 5);
  });
});
