import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText, type KubeObject } from './config-dir';
import type { Hop } from './hops';
import { compileMesh, type MeshModel, type Workload } from './model';
import { createRng } from './rng';
import { BOOKINFO_DIR, SCENARIO_DIR } from './scenarios';
import { createRuntimeState, simulateRequest, type EntryRequest } from './simulate';
import { istioLabels, ISTIO_LABELS } from './telemetry';

function loadDir(dir: string): KubeObject[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => parseConfigText(readFileSync(path.join(dir, f), 'utf8'), f));
}

function meshWith(...scenarios: string[]): MeshModel {
  const objects = loadDir(BOOKINFO_DIR);
  for (const s of scenarios) objects.push(...parseConfigText(readFileSync(path.join(SCENARIO_DIR, `${s}.yaml`), 'utf8'), s));
  return compileMesh(objects);
}

function workload(mesh: MeshModel, name: string): Workload {
  const w = mesh.workloads.find((x) => x.name === name);
  if (!w) throw new Error(`no workload ${name}`);
  return w;
}

function gatewayEntry(mesh: MeshModel, headers: Record<string, string> = {}): EntryRequest {
  return { gateway: workload(mesh, 'istio-ingressgateway'), host: 'bookinfo.example.com', port: 80, path: '/productpage', headers };
}

/** Runs n gateway requests and returns every hop. */
function run(mesh: MeshModel, n: number, headers: Record<string, string> = {}, seed = 7) {
  const rng = createRng(seed);
  const state = createRuntimeState();
  const hops: Hop[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const r = simulateRequest(mesh, state, gatewayEntry(mesh, headers), rng, 1_700_000_000_000 + i * 100);
    hops.push(...r.hops);
    statuses.push(r.status);
  }
  return { hops, statuses };
}

const destCount = (hops: Hop[], name: string) => hops.filter((h) => h.destinationReports && h.destination?.name === name).length;

describe('Bookinfo without routing rules', () => {
  const mesh = meshWith();

  it('follows the call graph: ingress → productpage → details and reviews; only reviews v2/v3 call ratings', () => {
    const { hops } = run(mesh, 3000);
    const edges = new Set(hops.filter((h) => h.destinationReports).map((h) => `${h.source?.name ?? 'unknown'}->${h.destination?.name}`));
    expect([...edges].sort()).toEqual(
      [
        'istio-ingressgateway->productpage-v1',
        'productpage-v1->details-v1',
        'productpage-v1->reviews-v1',
        'productpage-v1->reviews-v2',
        'productpage-v1->reviews-v3',
        'reviews-v2->ratings-v1',
        'reviews-v3->ratings-v1',
      ].sort(),
    );
    // Round robin over three versions: each gets about a third (3000 × 1/3 ± 5 %).
    for (const v of ['reviews-v1', 'reviews-v2', 'reviews-v3']) expect(Math.abs(destCount(hops, v) - 1000)).toBeLessThan(150);
  });

  it('the gateway reports only as source; sidecars report both sides; mTLS shows only on the destination reporter', () => {
    const { hops } = run(mesh, 50);
    const gw = hops.filter((h) => h.source?.name === 'istio-ingressgateway');
    expect(gw.some((h) => h.sourceReports)).toBe(true);
    const src = istioLabels(gw.find((h) => h.sourceReports)!, 'source');
    expect(src.source_workload_namespace).toBe('istio-system');
    expect(src.source_canonical_revision).toBe('latest');
    expect(src.source_version).toBe('');
    expect(src.connection_security_policy).toBe('unknown');
    const dst = istioLabels(gw.find((h) => h.destinationReports)!, 'destination');
    expect(dst.connection_security_policy).toBe('mutual_tls');
    expect(dst.source_version).toBe('unknown');
    expect(dst.destination_principal).toBe('spiffe://cluster.local/ns/default/sa/bookinfo-productpage');
    expect(dst.destination_service).toBe('productpage.default.svc.cluster.local');
    expect(Object.keys(dst).sort()).toEqual([...ISTIO_LABELS].sort());
  });
});

describe('scenarios', () => {
  it('canary 90/10: of 10,000 requests, 9,000 ± 300 reach reviews-v1 and the rest reviews-v3', () => {
    const { hops } = run(meshWith('canary-90-10'), 10_000);
    const v1 = destCount(hops, 'reviews-v1');
    const v3 = destCount(hops, 'reviews-v3');
    expect(Math.abs(v1 - 9000)).toBeLessThanOrEqual(300);
    expect(destCount(hops, 'reviews-v2')).toBe(0);
    expect(v1 + v3).toBeGreaterThanOrEqual(10_000);
  });

  it('jason goes to reviews-v2 and everyone else to reviews-v1', () => {
    const mesh = meshWith('jason-v2');
    expect(destCount(run(mesh, 200, { 'end-user': 'jason' }).hops, 'reviews-v2')).toBeGreaterThanOrEqual(200);
    const others = run(mesh, 200).hops;
    expect(destCount(others, 'reviews-v2')).toBe(0);
    expect(destCount(others, 'reviews-v1')).toBeGreaterThanOrEqual(200);
  });

  it('7 s ratings delay for jason: productpage gives up on reviews after 3 s twice, the page still answers 200 in about 6 s', () => {
    const mesh = meshWith('ratings-delay-jason');
    const rng = createRng(3);
    const r = simulateRequest(mesh, createRuntimeState(), gatewayEntry(mesh, { 'end-user': 'jason' }), rng, 1_700_000_000_000);
    expect(r.status).toBe(200);
    expect(r.durationMs).toBeGreaterThan(6000);
    expect(r.durationMs).toBeLessThan(6300);
    const ppToReviews = r.hops.filter((h) => h.source?.name === 'productpage-v1' && h.service.name === 'reviews');
    const sourceSide = ppToReviews.filter((h) => h.sourceReports);
    expect(sourceSide).toHaveLength(2);
    for (const h of sourceSide) {
      expect(h.sourceCode).toBe(0);
      expect(h.sourceFlags).toBe('DC');
    }
    const ratings = r.hops.filter((h) => h.service.name === 'ratings' && h.sourceReports);
    expect(ratings.every((h) => h.sourceFlags.includes('DI'))).toBe(true);
  });

  it('ratings abort for jason: the failing edge shows 500 FI from the source only, the page still answers 200', () => {
    const mesh = meshWith('ratings-abort-jason');
    const { hops, statuses } = run(mesh, 100, { 'end-user': 'jason' });
    expect(statuses.every((s) => s === 200)).toBe(true);
    const ratings = hops.filter((h) => h.service.name === 'ratings');
    expect(ratings.length).toBeGreaterThanOrEqual(100);
    expect(ratings.every((h) => h.sourceReports && !h.destinationReports && h.sourceCode === 500 && h.sourceFlags === 'FI')).toBe(true);
    expect(istioLabels(ratings[0]!, 'source').destination_workload).toBe('unknown');
  });

  it('allow-nothing: every request at productpage gets 403 from its sidecar', () => {
    const { hops, statuses } = run(meshWith('allow-nothing'), 200);
    expect(statuses.every((s) => s === 403)).toBe(true);
    const atProductpage = hops.filter((h) => h.destination?.name === 'productpage-v1' && h.destinationReports);
    expect(atProductpage).toHaveLength(200);
    expect(atProductpage.every((h) => h.destinationCode === 403 && h.destinationFlags === '-')).toBe(true);
    expect(hops.some((h) => h.destination?.name === 'details-v1')).toBe(false);
  });

  it('allow-per-service: Bookinfo works again', () => {
    const { hops, statuses } = run(meshWith('allow-per-service'), 300);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(290);
    expect(hops.filter((h) => h.destinationCode === 403)).toHaveLength(0);
  });

  it('out-of-mesh client: plaintext reaches ratings under PERMISSIVE and is refused under STRICT', () => {
    for (const [scenario, refused] of [['out-of-mesh-client', false], ['strict-mtls', true]] as const) {
      const mesh = meshWith(scenario);
      const netpod = workload(mesh, 'netpod');
      expect(netpod.sidecar).toBe(false);
      const r = simulateRequest(mesh, createRuntimeState(), { client: netpod, host: 'ratings.default.svc.cluster.local', port: 9080, path: '/health', headers: {} }, createRng(1), 0);
      expect(r.refused).toBe(refused);
      if (refused) {
        expect(r.hops).toHaveLength(0);
      } else {
        expect(r.hops).toHaveLength(1);
        const labels = istioLabels(r.hops[0]!, 'destination');
        expect(labels.connection_security_policy).toBe('none');
        expect(labels.source_workload).toBe('unknown');
        expect(labels.source_principal).toBe('unknown');
        expect(r.hops[0]!.sourceReports).toBe(false);
      }
    }
  });

  it('missing subset: reviews requests fail with 503 NC reported by productpage only', () => {
    const { hops } = run(meshWith('missing-subset'), 100);
    const reviews = hops.filter((h) => h.service.name === 'reviews');
    expect(reviews.every((h) => h.sourceCode === 503 && h.sourceFlags === 'NC' && !h.destinationReports)).toBe(true);
  });

  it('circuit breaker: bursts of 3 against a pool of 1+1 overflow with 503 UO', () => {
    const mesh = meshWith('circuit-breaker');
    const fortio = workload(mesh, 'fortio');
    const rng = createRng(5);
    const state = createRuntimeState();
    const codes: number[] = [];
    const flags: string[] = [];
    for (let burst = 0; burst < 50; burst += 1) {
      for (let i = 0; i < 3; i += 1) {
        const r = simulateRequest(mesh, state, { client: fortio, host: 'ratings', port: 9080, path: '/ratings/0', headers: {} }, rng, burst * 1000);
        codes.push(r.status);
        flags.push(...r.hops.filter((h) => h.sourceReports).map((h) => h.sourceFlags));
      }
    }
    // The third request of every burst finds one connection and one pending request in use.
    expect(flags.filter((f) => f === 'UO')).toHaveLength(50);
    expect(codes.filter((c) => c === 503).length).toBeGreaterThanOrEqual(50);
  });
});
