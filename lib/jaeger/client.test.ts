import { describe, expect, it } from 'vitest';
import { handleJaegerRequest } from '@/sim/jaeger/http';
import { createTraceStore, type SimSpan } from '@/sim/jaeger/trace-store';
import { describeShared } from '@/scripts/testing/shared';
import { AppError } from '../server/errors';
import { createJaegerClient } from './client';
import { detectJaegerApi } from './detect';
import { parseTraceDocument } from './parse';
import { decodeTrace } from './wire';
import { parseTraceQuery, parseTags, TraceQueryError } from './query';
import { fixture } from './test-helpers';

const NOW_US = 1_800_000_000_000_000;
const TRACE = 'a'.repeat(31) + '1';

function simSpans(): SimSpan[] {
  const base = { traceId: TRACE, tags: { component: 'proxy' } as Record<string, string>, processTags: {} };
  return [
    { ...base, spanId: '0000000000000001', serviceName: 'productpage.default', operationName: 'productpage:9080/*', kind: 'server', startTimeUs: NOW_US - 5e6, durationUs: 9000 },
    { ...base, spanId: '0000000000000002', parentSpanId: '0000000000000001', serviceName: 'productpage.default', operationName: 'reviews:9080/*', kind: 'client', startTimeUs: NOW_US - 5e6 + 1000, durationUs: 5000 },
    { ...base, spanId: '0000000000000003', parentSpanId: '0000000000000002', serviceName: 'reviews.default', operationName: 'reviews:9080/*', kind: 'server', startTimeUs: NOW_US - 5e6 + 1200, durationUs: 4000, tags: { ...base.tags, error: 'true' } },
  ];
}

type Handler = (url: URL) => { status: number; body: unknown } | null;

function fakeFetch(handler: Handler): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    const a = handler(url);
    if (!a) return new Response('404 page not found', { status: 404 });
    return new Response(typeof a.body === 'string' ? a.body : JSON.stringify(a.body), { status: a.status });
  }) as typeof fetch;
}

const store = createTraceStore();
store.add(simSpans());
const sim: Handler = (url) => handleJaegerRequest(url, store);
const v1Only: Handler = (url) => (url.pathname.startsWith('/api/v3') ? null : sim(url));
const query = parseTraceQuery(new URLSearchParams({ service: 'productpage.default', lookback: '1h' }), NOW_US);

describe('client against the simulator (Jaeger 2.x api_v3 + v1)', () => {
  const client = createJaegerClient('http://jaeger', { fetch: fakeFetch(sim) });
  it('detects api_v3, lists services and operations, searches, loads a trace', async () => {
    expect((await client.detect()).flavour).toBe('jaeger-api-v3');
    expect(await client.services()).toEqual(['productpage.default', 'reviews.default']);
    expect((await client.operations('reviews.default')).map((o) => o.name)).toEqual(['reviews:9080/*']);
    const found = await client.searchTraces(query);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ traceId: TRACE, rootServiceName: 'productpage.default', spanCount: 3, errorSpanCount: 1, durationUs: 9000 });
    const trace = await client.getTrace(TRACE);
    expect(trace?.spans).toHaveLength(3);
    expect(await client.getTrace('b'.repeat(32))).toBeNull();
  });
  it('no match is an empty list, not an error', async () => {
    expect(await client.searchTraces({ ...query, service: 'nobody' })).toEqual([]);
  });
});

describe('client against a v1-only Jaeger 1.x', () => {
  const client = createJaegerClient('http://jaeger', { fetch: fakeFetch(v1Only) });
  it('falls back to /api/services and /api/traces', async () => {
    expect((await client.detect()).flavour).toBe('jaeger-v1');
    expect(await client.services()).toEqual(['productpage.default', 'reviews.default']);
    expect((await client.operations('productpage.default')).map((o) => o.name).sort()).toEqual(['productpage:9080/*', 'reviews:9080/*']);
    // Jaeger matches service and tags on the same span: the error is on the reviews span
    expect(await client.searchTraces({ ...query, tags: { error: 'true' } })).toEqual([]);
    const found = await client.searchTraces({ ...query, service: 'reviews.default', tags: { error: 'true' } });
    expect(found.map((t) => t.traceId)).toEqual([TRACE]);
    expect((await client.getTrace(TRACE))?.spans).toHaveLength(3);
  });
});

describe('client against Jaeger main with /api/traces/{id} gone', () => {
  const noV1Trace: Handler = (url) => (/^\/api\/traces\//.test(url.pathname) ? null : sim(url));
  it('loads the trace through /api/v3/traces/{id}', async () => {
    const client = createJaegerClient('http://jaeger', { fetch: fakeFetch(noV1Trace) });
    expect((await client.getTrace(TRACE))?.spans.map((s) => s.serviceName)).toEqual(['productpage.default', 'productpage.default', 'reviews.default']);
    // the wire form (OTLP here: parsed, then encoded) decodes to the same trace
    expect(decodeTrace((await client.getTraceWire!(TRACE))!)).toEqual(await client.getTrace(TRACE));
    expect(await client.getTraceWire!('b'.repeat(32))).toBeNull();
  });
});

describeShared('client against Tempo', () => {
  const tempo: Handler = (url) => {
    if (url.pathname === '/api/echo') return { status: 200, body: 'echo' };
    if (url.pathname === '/api/search') return { status: 200, body: { traces: [{ traceID: '3ba55609c3cde49649cd77d1f9dcd936', rootServiceName: 'x' }] } };
    if (url.pathname === '/api/search/tag/service.name/values') return { status: 200, body: { tagValues: ['productpage.bookinfo', 'details.bookinfo'] } };
    if (url.pathname === '/api/traces/3ba55609c3cde49649cd77d1f9dcd936') return { status: 200, body: fixture('istio-bookinfo/kiali_responseTrace_bookinfo_tempo-otlp.json') };
    if (url.pathname.startsWith('/api/traces/')) return { status: 404, body: 'trace not found' };
    return null;
  };
  it('detects Tempo, searches with logfmt tags and summarises the fetched traces', async () => {
    const seen: string[] = [];
    const client = createJaegerClient('http://tempo', { fetch: fakeFetch((u) => { seen.push(`${u.pathname}${u.search}`); return tempo(u); }) });
    expect((await client.detect()).flavour).toBe('tempo');
    expect(await client.services()).toEqual(['details.bookinfo', 'productpage.bookinfo']);
    const found = await client.searchTraces({ ...query, service: 'productpage.bookinfo', tags: { error: 'true' } });
    expect(found[0]).toMatchObject({ spanCount: 8, rootServiceName: 'istio-ingressgateway.istio-system' });
    expect(seen.find((s) => s.startsWith('/api/search?'))).toContain(`tags=${encodeURIComponent('service.name=productpage.bookinfo error=true').replace(/%20/g, '+')}`);
    expect(await client.getTrace('0'.repeat(31) + '9')).toBeNull();
  });
});

describeShared('Tempo search answers recorded by Kiali', () => {
  it('sidecar and Ambient search results: every hit is fetched and summarised', async () => {
    for (const f of ['kiali_response_tempo-search.json', 'kiali_responseAmbient_tempo-search.json']) {
      const search = fixture(`istio-bookinfo/${f}`) as { traces: Array<{ traceID: string }> };
      const fetched: string[] = [];
      const tempo: Handler = (url) => {
        if (url.pathname === '/api/search') return { status: 200, body: search };
        const m = /^\/api\/traces\/(\w+)$/.exec(url.pathname);
        if (m) {
          fetched.push(m[1]!);
          return { status: 200, body: fixture('istio-bookinfo/kiali_responseTrace_bookinfo_tempo-otlp.json') };
        }
        return null;
      };
      const client = createJaegerClient('http://tempo', { fetch: fakeFetch(tempo), flavour: 'tempo' });
      const found = await client.searchTraces(query);
      expect(fetched, f).toEqual(search.traces.map((t) => t.traceID));
      expect(found, f).toHaveLength(search.traces.length);
    }
  });
  it('Jaeger internal domain JSON is not an API shape and is rejected with a clear error', () => {
    expect(() => parseTraceDocument(fixture('jaeger-ui-format/jaeger_domain_01.json'))).toThrow(/not a Jaeger trace/);
  });
});

describe('faults', () => {
  it('unreachable → backend_unavailable naming jaeger', async () => {
    const failing = (async () => { throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }); }) as typeof fetch;
    const err = await detectJaegerApi('http://127.0.0.1:1', { fetch: failing }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('backend_unavailable');
    expect((err as AppError).backend).toBe('jaeger');
    expect((err as AppError).message).toContain('ECONNREFUSED');
  });
  it('malformed JSON → backend_bad_response (502) naming jaeger', async () => {
    const garbage: Handler = (url) => (url.pathname.startsWith('/api/traces/') ? { status: 200, body: '{"data": [ {"traceID": ' } : sim(url));
    const client = createJaegerClient('http://jaeger', { fetch: fakeFetch(garbage) });
    const err = await client.getTrace(TRACE).catch((e: unknown) => e);
    expect((err as AppError).status).toBe(502);
    expect((err as AppError).backend).toBe('jaeger');
    const wrongShape: Handler = (url) => (url.pathname.startsWith('/api/traces/') ? { status: 200, body: { data: [{ spans: 'no' }] } } : sim(url));
    const err2 = await createJaegerClient('http://jaeger', { fetch: fakeFetch(wrongShape) }).getTrace(TRACE).catch((e: unknown) => e);
    expect((err2 as AppError).code).toBe('backend_bad_response');
  });
  it('something that is not a tracing backend', async () => {
    const err = await detectJaegerApi('http://x', { fetch: fakeFetch(() => null) }).catch((e: unknown) => e);
    expect((err as AppError).message).toMatch(/does not look like Jaeger or Tempo/);
  });
});

describe('query params', () => {
  it('parses tags as typed in Jaeger UI and validates', () => {
    expect(parseTags('error=true http.status_code=503')).toEqual({ error: 'true', 'http.status_code': '503' });
    expect(parseTags('http.url="/a b" x=1')).toEqual({ 'http.url': '/a b', x: '1' });
    expect(parseTags('{"error":true}')).toEqual({ error: 'true' });
    expect(() => parseTags('nokey')).toThrow(TraceQueryError);
    const q = parseTraceQuery(new URLSearchParams({ service: 's', start: '1000', end: '2000', minDuration: '1ms', limit: '5' }), NOW_US);
    expect(q).toMatchObject({ startUs: 1000, endUs: 2000, minDuration: '1ms', limit: 5 });
    expect(parseTraceQuery(new URLSearchParams({ service: 's', lookback: '15m' }), NOW_US).startUs).toBe(NOW_US - 15 * 60e6);
    const bads: Record<string, string>[] = [{}, { service: 's', limit: '0' }, { service: 's', minDuration: 'fast' }, { service: 's', minDuration: '2s', maxDuration: '1s' },
      { service: 's', start: 'yesterday' }, { service: 's', start: '5', end: '4' }, { service: 's', lookback: '1y' }];
    for (const bad of bads) {
      expect(() => parseTraceQuery(new URLSearchParams(bad), NOW_US), JSON.stringify(bad)).toThrow(TraceQueryError);
    }
  });
});
