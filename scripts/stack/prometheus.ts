/**
 * Starts Debian's Prometheus (or VictoriaMetrics) on loopback, scraping the given targets.
 * Used by the demo, the e2e stack and integration tests; the binaries come from scripts/ensure-deps.sh.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, spawnManaged, waitForHttp, type ManagedProcess } from './processes';

export interface MetricsEngine {
  kind: 'prometheus' | 'victoria-metrics';
  url: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export interface EngineOptions {
  port?: number;
  /** Storage directory; created when missing. */
  dataDir: string;
  /** host:port targets serving /metrics. */
  scrapeTargets?: string[];
  scrapeIntervalSec?: number;
  /** Prometheus only: TSDB retention. */
  retention?: string;
  extraArgs?: string[];
}

function scrapeConfigYaml(targets: string[], intervalSec: number): string {
  const lines = ['global:', `  scrape_interval: ${intervalSec}s`, `  scrape_timeout: ${Math.max(1, intervalSec - 1)}s`, 'scrape_configs:'];
  if (targets.length === 0) return `${lines.slice(0, 3).join('\n')}\nscrape_configs: []\n`;
  lines.push('  - job_name: mesh', '    honor_labels: true', '    static_configs:', `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

export async function startPrometheus(options: EngineOptions): Promise<MetricsEngine> {
  const port = options.port ?? (await freePort());
  mkdirSync(options.dataDir, { recursive: true });
  const configFile = path.join(options.dataDir, '..', `prometheus-${port}.yml`);
  writeFileSync(configFile, scrapeConfigYaml(options.scrapeTargets ?? [], options.scrapeIntervalSec ?? 5));
  const proc = spawnManaged(
    'prometheus',
    process.env.PROMETHEUS_BIN ?? 'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${options.dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.retention.time=${options.retention ?? '15d'}`,
      '--web.enable-lifecycle',
      ...(options.extraArgs ?? []),
    ],
    { logFile: path.join(options.dataDir, '..', `prometheus-${port}.log`) },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/-/ready`, proc, 60_000);
  return { kind: 'prometheus', url, port, process: proc, stop: () => proc.stop() };
}

export async function startVictoriaMetrics(options: EngineOptions): Promise<MetricsEngine> {
  const port = options.port ?? (await freePort());
  mkdirSync(options.dataDir, { recursive: true });
  const args = [
    `-httpListenAddr=127.0.0.1:${port}`,
    `-storageDataPath=${options.dataDir}`,
    '-retentionPeriod=100y',
    '-search.latencyOffset=0s',
    '-search.disableCache',
  ];
  if (options.scrapeTargets && options.scrapeTargets.length > 0) {
    const configFile = path.join(options.dataDir, '..', `vmscrape-${port}.yml`);
    writeFileSync(configFile, scrapeConfigYaml(options.scrapeTargets, options.scrapeIntervalSec ?? 5));
    args.push(`-promscrape.config=${configFile}`, '-promscrape.config.strictParse=false');
  }
  const proc = spawnManaged('victoria-metrics', process.env.VICTORIA_METRICS_BIN ?? 'victoria-metrics', [...args, ...(options.extraArgs ?? [])], {
    logFile: path.join(options.dataDir, '..', `victoria-metrics-${port}.log`),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, proc, 60_000);
  return { kind: 'victoria-metrics', url, port, process: proc, stop: () => proc.stop() };
}
