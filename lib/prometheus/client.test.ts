import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrometheusClient, isNearbyPrometheus, prometheusQueryHeaders } from './client';
import { AppError } from '../server/errors';

let server: http.Server;
let base = '';
const bodies: string[] = [];
const encodings: Array<string | undefined> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      bodies.push(body);
      encodings.push(req.headers['accept-encoding']);
      const q = new URLSearchParams(body).get('query') ?? '';
      res.setHeader('content-type', 'application/json');
      if (q === 'vec') {
        res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [
          { metric: { a: '1' }, value: [1700000000.5, '2.5'] },
          { metric: { a: '2' }, value: [1700000000.5, 'NaN'] },
          { metric: { a: '3' }, value: [1700000000.5, '+Inf'] },
        ] } }));
      } else if (q === 'range') {
        res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [
          { metric: {}, values: [[10, '1'], [20, '3']] },
        ] } }));
      } else if (q === 'bad') {
        res.statusCode = 400;
        res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }));
      } else if (q === 'garbage') {
        res.statusCode = 200;
        res.end('<html>proxy error</html>');
      } else if (q === 'slow') {
        setTimeout(() => res.end('{}'), 500);
      } else {
        res.statusCode = 500;
        res.end(JSON.stringify({ unexpected: true }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('prometheus client', () => {
  it('parses vectors including NaN and +Inf, posting the query form-encoded', async () => {
    const c = createPrometheusClient(base);
    const v = await c.query('vec', { timeSec: 1700000000 });
    expect(v.map((s) => s.value)).toEqual([2.5, NaN, Infinity]);
    expect(v[0]?.metric).toEqual({ a: '1' });
    expect(bodies.at(-1)).toBe('query=vec&time=1700000000');
  });

  it('asks a nearby Prometheus for uncompressed answers, a remote one for gzip', async () => {
    await createPrometheusClient(base).query('vec');
    expect(encodings.at(-1)).toBe('identity');
    for (const url of ['http://127.0.0.1:9090', 'http://localhost:9090', 'http://[::1]:9090', 'http://prometheus:9090', 'http://prometheus.istio-system:9090',
      'http://prometheus.istio-system.svc:9090', 'http://prometheus.istio-system.svc.cluster.local:9090']) {
      expect(isNearbyPrometheus(url), url).toBe(url !== 'http://prometheus.istio-system:9090');
    }
    for (const url of ['https://thanos.example.com', 'http://10.0.0.5:9090', 'not a url']) expect(isNearbyPrometheus(url), url).toBe(false);
    expect(prometheusQueryHeaders('http://127.0.0.1:9090')['accept-encoding']).toBe('identity');
    expect(prometheusQueryHeaders('https://thanos.example.com')['accept-encoding']).toBe('gzip');
    expect(prometheusQueryHeaders('http://127.0.0.1:9090', 'gzip')['accept-encoding']).toBe('gzip');
    expect(prometheusQueryHeaders('https://thanos.example.com', 'none')['accept-encoding']).toBe('identity');
  });

  it('parses matrices', async () => {
    const c = createPrometheusClient(base);
    expect(await c.queryRange('range', { startSec: 10, endSec: 20, stepSec: 10 })).toEqual([{ metric: {}, points: [[10, 1], [20, 3]] }]);
  });

  it('turns a Prometheus error into a backend_error with its message', async () => {
    const c = createPrometheusClient(base);
    const err = await c.query('bad').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('backend_error');
    expect((err as AppError).message).toContain('parse error at char 3');
    expect((err as AppError).upstreamStatus).toBe(400);
  });

  it('names the backend and shows the body when the answer is not JSON', async () => {
    const err = (await createPrometheusClient(base).query('garbage').catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('backend_bad_response');
    expect(err.backend).toBe('prometheus');
    expect(err.message).toContain('<html>proxy error</html>');
  });

  it('times out slow queries', async () => {
    const outcomes: string[] = [];
    const c = createPrometheusClient(base, { timeoutMs: 100, onObserve: (o) => outcomes.push(o.outcome) });
    const err = (await c.query('slow').catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('backend_timeout');
    expect(outcomes).toEqual(['timeout']);
  });

  it('reports an unreachable server', async () => {
    const err = (await createPrometheusClient('http://127.0.0.1:1').query('vec').catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('backend_unavailable');
    expect(err.message).toMatch(/unreachable/);
  });
});
