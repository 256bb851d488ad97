/**
 * The stack a scale benchmark starts and stops itself: the simulator (Bookinfo, optionally with the
 * large synthetic mesh), a real Prometheus scraping it, and the built dashboard. Ports are the E2E
 * slot's (E2E_SLOT, see e2e/stack-ports.ts) plus 5, so a benchmark never collides with the same slot's
 * browser tests: slot 7 → app 3285, Prometheus 9365, simulator 16861.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSyntheticMesh } from '../../sim/synthetic-mesh';
import { startApp, type AppProcess } from '../../scripts/stack/app';
import { startPrometheus, type MetricsEngine } from '../../scripts/stack/prometheus';
import { startSimulator, type SimulatorProcess } from '../../scripts/stack/simulator';
import { assertPortsFree } from '../../scripts/stack/stack';

const slot = Number(process.env.E2E_SLOT ?? 0);
export const BENCH_PORTS = {
  app: 3210 + slot * 10 + 5,
  prometheus: 9290 + slot * 10 + 5,
  sim: 16786 + slot * 10 + 5,
};

export interface SyntheticSize {
  namespaces: number;
  services: number;
  seed: number;
  /** Workloads the generator makes for these numbers (Bookinfo's 7 come on top). */
  workloads: number;
}

/** The synthetic-mesh size (services in `namespaces` namespaces) whose workload count is nearest `target`. */
export function syntheticSizeFor(target: number, namespaces: number, seed = 42): SyntheticSize {
  let best: SyntheticSize | undefined;
  for (let services = Math.max(namespaces, Math.floor(target / 2)); services <= target; services += 1) {
    const { workloads } = generateSyntheticMesh({ namespaces, services, seed });
    if (!best || Math.abs(workloads - target) < Math.abs(best.workloads - target)) best = { namespaces, services, seed, workloads };
    if (workloads > target) break;
  }
  if (!best) throw new Error(`no synthetic mesh for ${target} workloads`);
  return best;
}

export interface BenchStackOptions {
  rps: number;
  scrapeIntervalSec: number;
  synthetic?: SyntheticSize;
  appEnv?: Record<string, string>;
}

export interface BenchStack {
  app: AppProcess;
  prometheus: MetricsEngine;
  sim: SimulatorProcess;
  stop(): Promise<void>;
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  await assertPortsFree({ 'E2E_SLOT (bench app port)': BENCH_PORTS.app, 'E2E_SLOT (bench Prometheus port)': BENCH_PORTS.prometheus, 'E2E_SLOT (bench simulator port)': BENCH_PORTS.sim });
  const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-bench-'));
  const configDir = path.join(dir, 'config');
  const started: Array<{ stop(): Promise<void> }> = [];
  const stop = async () => {
    for (const p of started.reverse()) await p.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const s = options.synthetic;
    const sim = await startSimulator({
      port: BENCH_PORTS.sim,
      configDir,
      logDir: dir,
      rps: options.rps,
      seed: s?.seed ?? 42,
      extraArgs: s ? ['--synthetic-namespaces', String(s.namespaces), '--synthetic-services', String(s.services)] : [],
    });
    started.push(sim);
    const prometheus = await startPrometheus({
      port: BENCH_PORTS.prometheus,
      dataDir: path.join(dir, 'prometheus'),
      scrapeTargets: [`127.0.0.1:${BENCH_PORTS.sim}`],
      scrapeIntervalSec: options.scrapeIntervalSec,
    });
    started.push(prometheus);
    const app = await startApp({
      port: BENCH_PORTS.app,
      logDir: dir,
      env: {
        PROMETHEUS_URL: prometheus.url,
        PROMETHEUS_SCRAPE_INTERVAL: `${options.scrapeIntervalSec}s`,
        JAEGER_URL: sim.url,
        CONFIG_SOURCE: 'directory',
        CONFIG_DIR: configDir,
        ...options.appEnv,
      },
    });
    started.push(app);
    return { app, prometheus, sim, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
