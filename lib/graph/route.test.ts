/**
 * /api/graph (pages/api/graph.ts, served here by a plain Node server as Next serves it: Node's request
 * and response) against a fake Prometheus: the security badges' two queries go out with the graph's
 * five (one round), identical requests share one built answer and its gzip, a partial answer is not
 * kept, bad requests get JSON errors, and in token mode only a signed-in request gets a graph (the
 * proxy skips this route).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NextApiRequest, NextApiResponse } from 'next';
import graphRoute from '@/pages/api/graph';
import { SESSION_COOKIE, signSession } from '../auth/session';
import { buildGraphQueries } from './queries';
import { graphResponseCache } from './response-cache';
import { joinedRowLabels } from './identity';
import { identity } from './test-rows';

const g = globalThis as { __meshscopeConfig?: unknown; __meshscopeBackends?: unknown; __meshscopeConfigSource?: unknown; __meshscopeGraphResponses?: unknown };
const saved = { ...process.env };
const TTL = 60_000;
let server: http.Server;
let app: http.Server;
let appUrl = '';
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
  app = http.createServer((req, res) => {
    // As Next's API resolver does: the request's cookies as an object.
    const cookies = Object.fromEntries((req.headers.cookie ?? '').split(';').filter((c) => c.includes('=')).map((c) => [c.slice(0, c.indexOf('=')).trim(), c.slice(c.indexOf('=') + 1).trim()]));
    void graphRoute(Object.assign(req, { cookies }) as NextApiRequest, res as NextApiResponse);
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  Object.assign(process.env, { PROMETHEUS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, QUERY_CACHE_TTL_MS: String(TTL) });
  delete process.env.CONFIG_SOURCE;
  delete process.env.CONFIG_DIR;
  for (const k of ['__meshscopeConfig', '__meshscopeBackends', '__meshscopeConfigSource', '__meshscopeGraphResponses'] as const) delete g[k];
});
afterAll(async () => {
  process.env = saved;
  for (const k of ['__meshscopeConfig', '__meshscopeBackends', '__meshscopeConfigSource', '__meshscopeGraphResponses'] as const) delete g[k];
  await new Promise<void>((r) => server.close(() => r()));
  await new Promise<void>((r) => app.close(() => r()));
});

const query = (t: number) => `namespaces=bookinfo&graphType=workload&duration=60s&injectServiceNodes=false&queryTime=${t}`;
const get = (t: number) => fetch(`${appUrl}/api/graph?${query(t)}`);

/** A raw request (fetch would inflate gzip itself and hide what was sent). */
function rawGet(path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.request(`${appUrl}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

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

  it('sends one gzip of a shared answer to clients that take gzip, and the text to others', async () => {
    const t = 1_800_000_200;
    const zipped = await rawGet(`/api/graph?${query(t)}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toBe('application/json');
    expect(zipped.headers['cache-control']).toBe('no-store');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    const text = gunzipSync(zipped.body).toString('utf8');
    const plain = await rawGet(`/api/graph?${query(t)}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(text);
    expect((JSON.parse(text) as { edges: unknown[] }).edges).toHaveLength(1);
    // The second gzip client gets the very bytes compressed for the first.
    const again = await rawGet(`/api/graph?${query(t)}`, { 'accept-encoding': 'gzip' });
    expect(again.body.equals(zipped.body)).toBe(true);
    const head = await rawGet(`/api/graph?${query(t)}`, { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('answers bad parameters with 400 and other methods with 405, as JSON', async () => {
    const bad = await rawGet('/api/graph?namespaces=Not_A_Name', {});
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toBe('application/json');
    const body = JSON.parse(bad.body.toString('utf8')) as { error: string; code: string };
    expect(body.code).toBe('bad_request');
    expect(body.error).toContain('Not_A_Name');
    const post = await rawGet(`/api/graph?${query(1_800_000_000)}`, {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((JSON.parse(post.body.toString('utf8')) as { code: string }).code).toBe('method_not_allowed');
  });
});

describe('GET /api/graph in AUTH_MODE=token', () => {
  const SECRET = 'r'.repeat(40);
  const resetConfig = () => { delete g.__meshscopeConfig; delete g.__meshscopeBackends; };
  beforeAll(() => {
    Object.assign(process.env, { AUTH_MODE: 'token', SESSION_SECRET: SECRET });
    resetConfig();
  });
  afterAll(() => {
    delete process.env.AUTH_MODE;
    delete process.env.SESSION_SECRET;
    resetConfig();
  });

  it('answers 401 without a valid session and sends no query; a signed-in request gets its graph', async () => {
    const before = received;
    const t = 1_800_000_300;
    const none = await rawGet(`/api/graph?${query(t)}`, {});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body.toString('utf8'))).toMatchObject({ code: 'unauthorized', error: expect.stringContaining('Sign in first') });
    const forged = signSession({ user: 'u', groups: [], exp: Math.floor(Date.now() / 1000) + 60 }, 'x'.repeat(40));
    expect((await rawGet(`/api/graph?${query(t)}`, { cookie: `${SESSION_COOKIE}=${forged}` })).status).toBe(401);
    const expired = signSession({ user: 'u', groups: [], exp: Math.floor(Date.now() / 1000) - 1 }, SECRET);
    expect((await rawGet(`/api/graph?${query(t)}`, { cookie: `${SESSION_COOKIE}=${expired}` })).status).toBe(401);
    expect((await rawGet(`/api/graph?${query(t)}`, {}, 'POST')).status).toBe(401);
    expect(received).toBe(before);
    const valid = signSession({ user: 'u', groups: [], exp: Math.floor(Date.now() / 1000) + 60 }, SECRET);
    const ok = await rawGet(`/api/graph?${query(t)}`, { cookie: `other=1; ${SESSION_COOKIE}=${valid}` });
    expect(ok.status).toBe(200);
    expect((JSON.parse(ok.body.toString('utf8')) as { edges: unknown[] }).edges).toHaveLength(1);
    expect(received).toBe(before + 7);
  });
});
