/**
 * /api/graph against a fake Prometheus: the security badges' two queries go out with the graph's
 * five (one round), identical requests share one built answer, and a partial answer is not kept.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/graph/route';
import { buildGraphQueries } from './queries';
import { graphResponseCache } from './response-cache';
import { joinedRowLabels } from './identity';
import { identity } from './test-rows';

const g = globalThis as { __meshscopeConfig?: unknown; __meshscopeBackends?: unknown; __meshscopeConfigSource?: unknown; __meshscopeGraphResponses?: unknown };
const saved = { ...process.env };
const TTL = 60_000;
let server: http.Server;
let inFlight = 0;
let maxInFlight = 0;
let received = 0;
let failMtls = false;
const queries = buildGraphQueries({ namespaces: ['bookinfo'], durationSec: 60, idleEdges: false });
const hop = identity({ source: { ns: 'bookinfo', name: 'productpage-v1', app: 'productpage', version: 'v1' }, dest: { ns: 'bookinfo', name: 'reviews-v1', app: 'reviews', version: 'v1' }, service: { ns: 'bookinfo', name: 'reviews' } });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const q = new URLSearchParams(body).get('query') ?? '';
      setTimeout(() => {
        inFlight -= 1;
        res.setHeader('content-type', 'application/json');
        if (failMtls && q === queries.mtls) {
          res.statusCode = 422;
          res.end(JSON.stringify({ status: 'error', errorType: 'execution', error: 'boom' }));
          return;
        }
        const result = q === queries.requests ? [{ metric: joinedRowLabels({ ...hop, response_code: '200', response_flags: '-' }), value: [1_800_000_000, '2'] }] : [];
        res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
      }, 150);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  Object.assign(process.env, { PROMETHEUS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, QUERY_CACHE_TTL_MS: String(TTL) });
  delete process.env.CONFIG_SOURCE;
  delete process.env.CONFIG_DIR;
  for (const k of ['__meshscopeConfig', '__meshscopeBackends', '__meshscopeConfigSource', '__meshscopeGraphResponses'] as const) delete g[k];
});
afterAll(async () => {
  process.env = saved;
  for (const k of ['__meshscopeConfig', '__meshscopeBackends', '__meshscopeConfigSource', '__meshscopeGraphResponses'] as const) delete g[k];
  await new Promise<void>((r) => server.close(() => r()));
});

const get = (t: number) => GET(new Request(`http://127.0.0.1/api/graph?namespaces=bookinfo&graphType=workload&duration=60s&injectServiceNodes=false&queryTime=${t}`));

describe('GET /api/graph', () => {
  it('sends the security queries alongside the graph queries, and shares one answer between identical requests', async () => {
    const [a, b] = await Promise.all([get(1_800_000_000), get(1_800_000_000)]);
    expect(a.status).toBe(200);
    expect(maxInFlight).toBe(7); // 5 graph + 2 security queries at once, coalesced for both callers
    expect(received).toBe(7);
    const [ta, tb] = [await a.text(), await b.text()];
    expect(ta).toBe(tb);
    const body = JSON.parse(ta) as { edges: Array<{ source: string; target: string; rps: number }>; queryCount: number };
    expect(body.edges).toEqual([expect.objectContaining({ source: 'wl:bookinfo:productpage-v1', target: 'wl:bookinfo:reviews-v1', rps: 2 })]);
    expect(body.queryCount).toBe(7);
    expect(graphResponseCache(TTL).size).toBe(1);
    const again = await get(1_800_000_000);
    expect(await again.text()).toBe(ta);
    expect(received).toBe(7);
  });

  it('does not keep a partial answer', async () => {
    failMtls = true;
    const before = graphResponseCache(TTL).size;
    const res = await get(1_800_000_100);
    const body = JSON.parse(await res.text()) as { warnings: string[] };
    expect(body.warnings.some((w) => w.startsWith('Partial graph: no mTLS status'))).toBe(true);
    expect(graphResponseCache(TTL).size).toBe(before);
    failMtls = false;
    const healed = JSON.parse(await (await get(1_800_000_100)).text()) as { warnings: string[] };
    expect(healed.warnings.some((w) => w.startsWith('Partial graph'))).toBe(false);
    expect(graphResponseCache(TTL).size).toBe(before + 1);
  });
});
