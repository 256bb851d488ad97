import { afterEach, describe, expect, it } from 'vitest';
import { GET as getOne } from '@/app/api/traces/[id]/route';
import { GET as getOperations } from '@/app/api/traces/operations/route';
import { GET as search } from '@/app/api/traces/route';
import { GET as getServices } from '@/app/api/traces/services/route';
import { handleJaegerRequest } from '@/sim/jaeger/http';
import { createTraceStore } from '@/sim/jaeger/trace-store';
import { createJaegerClient, type JaegerClient } from './client';
import { decodeTrace, type WireTrace } from './wire';

const g = globalThis as typeof globalThis & { __meshscopeJaeger?: JaegerClient | null };
const ID = 'c'.repeat(32);
const store = createTraceStore();
store.add([{ traceId: ID, spanId: '00000000000000aa', serviceName: 'productpage.default', operationName: 'op', kind: 'server', startTimeUs: Date.now() * 1000 - 60e6, durationUs: 10, tags: {}, processTags: {} }]);

function use(handler: (url: URL) => { status: number; body: unknown } | null | 'down') {
  g.__meshscopeJaeger = createJaegerClient('http://jaeger.test', {
    fetch: (async (input: RequestInfo | URL) => {
      const a = handler(new URL(String(input)));
      if (a === 'down') throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      if (!a) return new Response('404 page not found', { status: 404 });
      return new Response(typeof a.body === 'string' ? a.body : JSON.stringify(a.body), { status: a.status });
    }) as typeof fetch,
  });
}
const sim = (url: URL) => handleJaegerRequest(url, store);
const req = (path: string) => new Request(`http://app${path}`);
const params = (id: string) => ({ params: Promise.resolve({ id }) });

afterEach(() => {
  delete g.__meshscopeJaeger;
});

describe('/api/traces routes', () => {
  it('search, services, operations and one trace', async () => {
    use(sim);
    const s = await search(req('/api/traces?service=productpage.default&lookback=1h'));
    expect(s.status).toBe(200);
    expect(((await s.json()) as { traces: { traceId: string }[] }).traces.map((t) => t.traceId)).toEqual([ID]);
    expect(await (await getServices(req('/api/traces/services'))).json()).toEqual({ services: ['productpage.default'] });
    expect(await (await getOperations(req('/api/traces/operations?service=productpage.default'))).json()).toEqual({ operations: [{ name: 'op', spanKind: 'server' }] });
    const one = await getOne(req(`/api/traces/${ID}`), params(ID));
    expect(one.status).toBe(200);
    expect(decodeTrace(((await one.json()) as { trace: WireTrace }).trace).spans.map((x) => x.serviceName)).toEqual(['productpage.default']);
  });

  it('bad params → 400 with a message', async () => {
    use(sim);
    for (const q of ['', '?service=x&limit=-1', '?service=x&minDuration=soon', '?service=x&tags=novalue']) {
      const r = await search(req(`/api/traces${q}`));
      expect(r.status, q).toBe(400);
      expect(((await r.json()) as { error: string }).error.length).toBeGreaterThan(5);
    }
    expect((await getOperations(req('/api/traces/operations'))).status).toBe(400);
    expect((await getOne(req('/api/traces/not-an-id!'), params('not-an-id!'))).status).toBe(400);
  });

  it('unknown trace id → 404', async () => {
    use(sim);
    const r = await getOne(req(`/api/traces/${'d'.repeat(32)}`), params('d'.repeat(32)));
    expect(r.status).toBe(404);
  });

  it('Jaeger unreachable → 503 naming jaeger; malformed JSON → 502 naming jaeger', async () => {
    use(() => 'down');
    const down = await getServices(req('/api/traces/services'));
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ backend: 'jaeger', code: 'backend_unavailable' });
    use((url) => (url.pathname === '/api/v3/services' && url.search === '' ? { status: 200, body: { services: [] } } : { status: 200, body: '<html>oops' }));
    const bad = await search(req('/api/traces?service=x'));
    expect(bad.status).toBe(502);
    const body = (await bad.json()) as { backend: string; error: string };
    expect(body.backend).toBe('jaeger');
    expect(body.error).toContain('Jaeger');
  });

  it('not configured → 503 naming jaeger', async () => {
    g.__meshscopeJaeger = null;
    const r = await getServices(req('/api/traces/services'));
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ backend: 'jaeger' });
  });
});
