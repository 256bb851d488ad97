/**
 * The security review against the simulator scraped by a real Prometheus 2.42, one fresh mesh per
 * scenario (so no counter from another scenario is in the window). Expectations are worked out from
 * Istio's behaviour, and cross-checked with independent PromQL:
 *   - strict-mtls: every in-mesh edge 100 % mutual TLS, no traffic from the out-of-mesh client gets
 *     through (the simulator counts its refused connections), mesh-wide status "enabled";
 *   - out-of-mesh-client (PERMISSIVE by default): exactly one "would be refused under STRICT" caller;
 *   - allow-nothing: the 403 edges (the gateway → productpage only: denied productpage calls nothing)
 *     name default/allow-nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type MetricsEngine } from '../../scripts/stack/prometheus';
import { applyScenario, resetConfigDir } from '../../sim/scenarios';
import { createSimulatorServer } from '../../sim/server';
import { createSimulator, type Simulator } from '../../sim/simulator';
import { DirectoryConfigSource } from '../istio/config-source';
import { createPrometheusClient, type PrometheusClient } from '../prometheus/client';
import { fetchSecurityReport, type SecurityReport } from './report';

const WINDOW_SEC = 8;
const TRAFFIC_MS = 11_000;

interface Mesh {
  sim: Simulator;
  client: PrometheusClient;
  report: SecurityReport;
  stop(): Promise<void>;
}

/** A fresh simulator + Prometheus with the scenarios applied, run for a while, then reviewed. */
async function runMesh(scenarios: string[]): Promise<Mesh> {
  const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-sec-'));
  const configDir = path.join(dir, 'config');
  resetConfigDir(configDir);
  for (const s of scenarios) await applyScenario(configDir, s);
  const sim = createSimulator({ configDir, rps: 20, jasonShare: 0, seed: 7 });
  sim.reload();
  const server = createSimulatorServer(sim);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const prometheus: MetricsEngine = await startPrometheus({
    dataDir: path.join(dir, 'prom'),
    scrapeTargets: [`127.0.0.1:${(server.address() as AddressInfo).port}`],
    scrapeIntervalSec: 1,
  });
  sim.tick(Date.now());
  const ticker = setInterval(() => sim.tick(Date.now()), 100);
  await new Promise((r) => setTimeout(r, TRAFFIC_MS));
  const client = createPrometheusClient(prometheus.url);
  const timeSec = Math.floor(Date.now() / 1000) - 1;
  const snapshot = await new DirectoryConfigSource(configDir).snapshot();
  const report = await fetchSecurityReport(client, snapshot, { namespaces: ['default', 'test'], durationSec: WINDOW_SEC }, { timeSec });
  return {
    sim,
    client,
    report,
    async stop() {
      clearInterval(ticker);
      await prometheus.stop();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const caller = (e: SecurityReport['edges'][number]) => (e.source.workload === 'unknown' ? 'unknown' : `${e.source.namespace}/${e.source.workload}`);

describe('strict-mtls', () => {
  let mesh: Mesh;
  beforeAll(async () => {
    mesh = await runMesh(['strict-mtls']);
  }, 90_000);
  afterAll(async () => mesh?.stop());

  it('every in-mesh edge is 100 % mutual TLS and nothing from the out-of-mesh client gets through', async () => {
    const { report, sim, client } = mesh;
    expect(report.mesh.status).toBe('enabled');
    expect(report.mesh.meshPolicy).toBe('istio-system/default');
    // Bookinfo's six hops plus the gateway's: all reported, all locked.
    const edges = report.edges.map((e) => `${caller(e)} → ${e.destination.namespace}/${e.destination.workload}`).sort();
    expect(edges).toEqual([
      'default/productpage-v1 → default/details-v1',
      'default/productpage-v1 → default/reviews-v1',
      'default/productpage-v1 → default/reviews-v2',
      'default/productpage-v1 → default/reviews-v3',
      'default/reviews-v2 → default/ratings-v1',
      'default/reviews-v3 → default/ratings-v1',
      'istio-system/istio-ingressgateway → default/productpage-v1',
    ]);
    for (const e of report.edges) expect(e.mtlsPercent, caller(e)).toBe(100);
    // The client did try: its connections were refused before any HTTP exchange.
    expect(sim.stats().refusedConnections['test/netpod'] ?? 0).toBeGreaterThan(5);
    // Independent ground truth: no plaintext request was accepted anywhere.
    const plain = await client.query('sum(istio_requests_total{reporter="destination",connection_security_policy!="mutual_tls"}) or vector(0)');
    expect(plain[0]?.value).toBe(0);
    expect(report.disagreements.filter((d) => d.kind.startsWith('plaintext'))).toEqual([]);
    expect(report.workloads.find((w) => w.name === 'netpod')?.state).toBe('NO_SIDECAR');
  });
});

describe('out-of-mesh-client under PERMISSIVE', () => {
  let mesh: Mesh;
  beforeAll(async () => {
    mesh = await runMesh(['out-of-mesh-client']);
  }, 90_000);
  afterAll(async () => mesh?.stop());

  it('lists exactly one caller that would be refused under STRICT', async () => {
    const { report, client } = mesh;
    const refused = report.disagreements.filter((d) => d.kind === 'plaintext-permissive');
    expect(refused.map((d) => [d.caller, d.workload, d.callerCandidates])).toEqual([['unknown', 'default/ratings-v1', ['test/netpod']]]);
    expect(refused[0]?.message).toContain('would be refused under STRICT');
    // Its rate against Prometheus's own answer for the same window (the client sends Poisson 1 rps).
    const truth = await client.query(
      `sum(rate(istio_requests_total{reporter="destination",connection_security_policy="none",destination_workload="ratings-v1"}[${WINDOW_SEC}s]))`,
      { timeSec: report.timestamp },
    );
    expect(refused[0]?.rate).toBeCloseTo(truth[0]?.value ?? -1, 6);
    expect(refused[0]?.rate).toBeGreaterThan(0);
    expect(refused[0]?.rate).toBeLessThan(2.5);
    expect(report.mesh.status).toBe('disabled');
    const ratings = report.workloads.find((w) => w.name === 'ratings-v1');
    expect(ratings?.observed?.mtlsPercent).toBeLessThan(100);
  });
});

describe('allow-nothing', () => {
  let mesh: Mesh;
  beforeAll(async () => {
    mesh = await runMesh(['allow-nothing']);
  }, 90_000);
  afterAll(async () => mesh?.stop());

  it('shows the 403 edges and names the policy that denies them', async () => {
    const { report, client } = mesh;
    const denied = report.disagreements.filter((d) => d.kind === 'authz-denied');
    expect(denied.map((d) => [d.caller, d.workload, d.policies])).toEqual([
      ['istio-system/istio-ingressgateway', 'default/productpage-v1', ['AuthorizationPolicy default/allow-nothing']],
    ]);
    const truth = await client.query(
      `sum by (destination_workload) (rate(istio_requests_total{reporter="destination",response_code="403",response_flags="-"}[${WINDOW_SEC}s]))`,
      { timeSec: report.timestamp },
    );
    expect(truth.map((s) => s.metric.destination_workload)).toEqual(['productpage-v1']);
    expect(denied[0]?.rate).toBeCloseTo(truth[0]?.value ?? -1, 6);
    const edge = report.edges.find((e) => e.destination.workload === 'productpage-v1');
    expect(edge?.authz).toEqual({ verdict: 'denied', allowedBy: [], deniedBy: ['default/allow-nothing'] });
    expect(edge?.deniedRate).toBeCloseTo(edge?.rate ?? -1, 6);
    expect(report.disagreements.some((d) => d.kind === 'authz-unused')).toBe(false);
  });
});
