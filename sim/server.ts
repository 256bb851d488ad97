/** The simulator's HTTP face: Istio metrics on /metrics, the Jaeger query APIs, and its own /sim/* endpoints. */
import { createServer, type Server } from 'node:http';
import type { Simulator } from './simulator';

/** Answers a path it knows (e.g. the Jaeger query API) or returns null. */
export type ExtraHandler = (url: URL) => { status: number; body: unknown } | null;

function sendJson(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function createSimulatorServer(sim: Simulator, extra: ExtraHandler[] = []): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void (async () => {
      try {
        if (url.pathname === '/metrics') {
          const text = await sim.metrics.registry.metrics();
          res.writeHead(200, { 'content-type': sim.metrics.registry.contentType });
          res.end(text);
          return;
        }
        if (url.pathname === '/sim/health') {
          const problems = sim.stats().configProblems;
          sendJson(res, 200, { status: 'ok', workloads: sim.mesh().workloads.length, configProblems: problems.length, traces: sim.traces.size() });
          return;
        }
        if (url.pathname === '/sim/stats') return sendJson(res, 200, sim.stats());
        if (url.pathname === '/sim/config-errors') return sendJson(res, 200, sim.stats().configProblems);
        for (const handle of extra) {
          const answer = handle(url);
          if (answer) return sendJson(res, answer.status, answer.body);
        }
        sendJson(res, 404, { error: `no route for ${url.pathname}` });
      } catch (err) {
        sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
      }
    })();
  });
}
