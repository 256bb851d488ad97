/**
 * The whole demo stack on loopback: the Bookinfo simulator, a real Prometheus scraping it, and the
 * dashboard pointed at both (Prometheus for metrics, the simulator's Jaeger API for traces, the
 * simulator's config directory as the Istio config source). Used by `npm run demo` and the e2e tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedConfigDir } from '../../sim/scenarios';
import { startApp, type AppProcess } from './app';
import { isPortInUse } from './processes';
import { startPrometheus, type MetricsEngine } from './prometheus';
import { startSimulator, type SimulatorProcess } from './simulator';

export interface StackOptions {
  appPort: number;
  prometheusPort: number;
  simPort: number;
  configDir: string;
  logDir: string;
  scrapeIntervalSec: number;
  rps?: number;
  /** Start the dashboard too (false: only the simulator and Prometheus). */
  withApp?: boolean;
  appEnv?: Record<string, string>;
}

export interface Stack {
  sim: SimulatorProcess;
  prometheus: MetricsEngine;
  app?: AppProcess;
  stop(): Promise<void>;
}

export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  for (const [envVar, port] of Object.entries(ports)) {
    if (await isPortInUse(port)) {
      throw new Error(`port ${port} is already in use on 127.0.0.1 — set ${envVar} to another port`);
    }
  }
}

export async function startStack(options: StackOptions): Promise<Stack> {
  seedConfigDir(options.configDir);
  const started: Array<{ stop(): Promise<void> }> = [];
  const promDir = mkdtempSync(path.join(tmpdir(), 'meshscope-prometheus-'));
  const stopAll = async () => {
    for (const p of started.reverse()) await p.stop().catch(() => undefined);
    rmSync(promDir, { recursive: true, force: true });
  };
  try {
    const sim = await startSimulator({ port: options.simPort, configDir: options.configDir, logDir: options.logDir, rps: options.rps });
    started.push(sim);
    const prometheus = await startPrometheus({
      port: options.prometheusPort,
      dataDir: path.join(promDir, 'data'),
      scrapeTargets: [`127.0.0.1:${options.simPort}`],
      scrapeIntervalSec: options.scrapeIntervalSec,
    });
    started.push(prometheus);
    let app: AppProcess | undefined;
    if (options.withApp !== false) {
      app = await startApp({
        port: options.appPort,
        logDir: options.logDir,
        env: {
          PROMETHEUS_URL: prometheus.url,
          PROMETHEUS_SCRAPE_INTERVAL: `${options.scrapeIntervalSec}s`,
          JAEGER_URL: sim.url,
          CONFIG_SOURCE: 'directory',
          CONFIG_DIR: options.configDir,
          ...options.appEnv,
        },
      });
      started.push(app);
    }
    return { sim, prometheus, app, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
