/**
 * The simulator scraped by a real Prometheus: the per-workload rate of destination-reported requests
 * that PromQL computes must match the simulator's own count of the requests it generated (±5 %).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrometheusClient } from '../lib/prometheus/client';
import { startPrometheus, type MetricsEngine } from '../scripts/stack/prometheus';
import { resetConfigDir } from './scenarios';
import { createSimulatorServer } from './server';
import { createSimulator, type Simulator } from './simulator';

const WORKLOADS = ['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings-v1'];
let dir: string;
let sim: Simulator;
let server: ReturnType<typeof createSimulatorServer>;
let prometheus: MetricsEngine;
let ticker: NodeJS.Timeout;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'meshscope-sim-'));
  resetConfigDir(path.join(dir, 'config'));
  sim = createSimulator({ configDir: path.join(dir, 'config'), rps: 40, jasonShare: 0.2, seed: 11 });
  sim.reload();
  server = createSimulatorServer(sim);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const simPort = (server.address() as AddressInfo).port;
  prometheus = await startPrometheus({ dataDir: path.join(dir, 'prom'), scrapeTargets: [`127.0.0.1:${simPort}`], scrapeIntervalSec: 1 });
}, 60_000);

afterAll(async () => {
  clearInterval(ticker);
  await prometheus?.stop();
  await new Promise((r) => server?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

it('Prometheus sees every Bookinfo workload and the gateway, at the rate the simulator generated', async () => {
  // Traffic runs for a fixed interval between two scrapes; then the counters stop, so the increase
  // over the whole run equals the simulator's own count.
  const client = createPrometheusClient(prometheus.url);
  const waitForScrape = async (predicate: (v: number) => boolean) => {
    for (let i = 0; i < 50; i += 1) {
      const [s] = await client.query('sum(istio_requests_total{reporter="destination"}) or vector(0)');
      if (predicate(s?.value ?? 0)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  let now = Date.now();
  sim.tick(now);
  ticker = setInterval(() => sim.tick((now = Date.now())), 100);
  await new Promise((r) => setTimeout(r, 6000));
  clearInterval(ticker);
  const stats = sim.stats();
  const expectedTotal = Object.values(stats.destinationRequests).reduce((a, b) => a + b, 0);
  await waitForScrape((v) => v === expectedTotal);
  await new Promise((r) => setTimeout(r, 1500));

  const byWorkload = await client.query('sum by (destination_workload) (istio_requests_total{reporter="destination"})');
  const scraped = Object.fromEntries(byWorkload.map((s) => [s.metric.destination_workload, s.value]));
  for (const w of WORKLOADS) {
    const own = stats.destinationRequests[`default/${w}`] ?? 0;
    expect(own, `simulator generated requests to ${w}`).toBeGreaterThan(0);
    expect(Math.abs((scraped[w] ?? 0) - own) / own, `${w}: Prometheus ${scraped[w]} vs simulator ${own}`).toBeLessThanOrEqual(0.05);
  }
  const gateway = await client.query('sum(istio_requests_total{reporter="source",source_workload="istio-ingressgateway"})');
  expect(gateway[0]?.value).toBe(stats.sourceRequests['istio-system/istio-ingressgateway']);

  // The rate Prometheus computes over the run agrees with the generated rate (40 rps at the gateway).
  const seconds = 6;
  const productpage = (stats.destinationRequests['default/productpage-v1'] ?? 0) / seconds;
  expect(Math.abs(productpage - 40) / 40).toBeLessThan(0.25);
}, 90_000);
