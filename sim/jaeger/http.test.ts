import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parseConfigText } from '../config-dir';
import { compileMesh } from '../model';
import { createRng } from '../rng';
import { BOOKINFO_DIR } from '../scenarios';
import { createRuntimeState, simulateRequest } from '../simulate';
import { handleJaegerRequest } from './http';
import { createTraceStore } from './trace-store';

const mesh = compileMesh(readdirSync(BOOKINFO_DIR).flatMap((f) => parseConfigText(readFileSync(path.join(BOOKINFO_DIR, f), 'utf8'), f)));
const store = createTraceStore({ maxTraces: 100 });
const gateway = mesh.workloads.find((w) => w.isGateway)!;
const t0 = Date.parse('2026-11-20T10:00:00Z');
const rng = createRng(9);
const state = createRuntimeState();
for (let i = 0; i < 30; i += 1) store.add(simulateRequest(mesh, state, { gateway, host: 'x', port: 80, path: '/productpage', headers: {} }, rng, t0 + i * 1000).spans);
const get = (p: string) => handleJaegerRequest(new URL(`http://sim${p}`), store)!;

it('lists services under Istio names, in both API versions', () => {
  const expected = ['details.default', 'istio-ingressgateway.istio-system', 'productpage.default', 'ratings.default', 'reviews.default'];
  expect((get('/api/v3/services').body as { services: string[] }).services).toEqual(expected);
  expect((get('/api/services').body as { data: string[] }).data).toEqual(expected);
  const ops = get('/api/v3/operations?service=productpage.default').body as { operations: Array<{ name: string; spanKind: string }> };
  expect(ops.operations).toContainEqual({ name: 'reviews.default.svc.cluster.local:9080/*', spanKind: 'client' });
});

it('searches with api_v3 parameters (snake_case) and returns one client+server span pair per hop', () => {
  const q = new URLSearchParams({
    'query.service_name': 'ratings.default',
    'query.start_time_min': new Date(t0 - 1000).toISOString(),
    'query.start_time_max': new Date(t0 + 60_000).toISOString(),
    'query.num_traces': '5',
  });
  const answer = get(`/api/v3/traces?${q}`);
  expect(answer.status).toBe(200);
  const spans = (answer.body as { result: { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ traceId: string; kind: number }> }> }> } }).result.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
  expect(new Set(spans.map((s) => s.traceId)).size).toBe(5);
  const summaries = get(`/api/v3/trace-summaries?${q}`).body as { summaries: Array<{ rootServiceName: string; spanCount: number }> };
  expect(summaries.summaries[0]?.rootServiceName).toBe('istio-ingressgateway.istio-system');
  // ratings is called only via reviews v2/v3: gateway (1) + productpage server, 2 client spans (2+1) + details server (1) + reviews server + client (2) + ratings server (1) = 8
  expect(summaries.summaries.every((s) => s.spanCount === 8)).toBe(true);
});

it('answers v1 search and trace-by-id, and Jaeger errors for bad input', () => {
  const list = get(`/api/traces?service=productpage.default&limit=3&start=${(t0 - 1000) * 1000}&end=${(t0 + 60_000) * 1000}`).body as { data: Array<{ traceID: string; spans: unknown[] }> };
  expect(list.data).toHaveLength(3);
  const id = list.data[0]!.traceID;
  const one = get(`/api/traces/${id}`).body as { data: Array<{ spans: Array<{ references: unknown[] }> }> };
  expect(one.data[0]?.spans.filter((s) => s.references.length === 0)).toHaveLength(1);
  expect(get('/api/traces').status).toBe(400);
  expect(get('/api/traces/ffffffffffffffffffffffffffffffff').status).toBe(404);
  expect(get('/api/v3/traces?query.service_name=x').status).toBe(400);
  expect(get('/nothing-here')).toBeNull();
});
