import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { config, proxy } from '@/proxy';
import { SESSION_COOKIE, signSession } from './session';

const SECRET = 's'.repeat(40);
const g = globalThis as { __meshscopeConfig?: unknown };

beforeEach(() => {
  process.env.AUTH_MODE = 'token';
  process.env.SESSION_SECRET = SECRET;
  delete g.__meshscopeConfig;
});
afterEach(() => {
  delete process.env.AUTH_MODE;
  delete process.env.SESSION_SECRET;
  delete g.__meshscopeConfig;
});

describe('proxy.ts in token mode', () => {
  it('answers 401 JSON on an API route without a cookie', async () => {
    const res = proxy(new NextRequest('http://127.0.0.1:3000/api/graph?namespaces=default'));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'unauthorized' });
  });
  it('redirects a page to /login with where to come back to', () => {
    const res = proxy(new NextRequest('http://127.0.0.1:3000/graph?namespaces=default'));
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get('location')!).pathname + new URL(res.headers.get('location')!).search).toBe('/login?next=%2Fgraph%3Fnamespaces%3Ddefault');
  });
  it('passes a request with a valid session cookie, and the health probes without one', () => {
    const cookie = signSession({ user: 'u', groups: [], exp: Math.floor(Date.now() / 1000) + 60 }, SECRET);
    const req = new NextRequest('http://127.0.0.1:3000/api/graph', { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
    expect(proxy(req).headers.get('x-middleware-next')).toBe('1');
    expect(proxy(new NextRequest('http://127.0.0.1:3000/api/health/ready')).headers.get('x-middleware-next')).toBe('1');
  });
});

describe('which paths the proxy runs for', () => {
  const runsFor = (url: string) => unstable_doesMiddlewareMatch({ config, url });
  it('skips exactly /api/graph (which applies the decision itself) and the static files', () => {
    expect(runsFor('/api/graph')).toBe(false);
    expect(runsFor('/api/graph?namespaces=default')).toBe(false);
    expect(runsFor('/_next/static/chunks/app.js')).toBe(false);
    for (const url of ['/api/graph/', '/api/graphs', '/api/graph/x', '/api/status', '/api/namespaces', '/graph', '/graph?namespaces=default', '/', '/status']) {
      expect(runsFor(url), url).toBe(true);
    }
  });
});
