/**
 * Real metrics engines holding known data, for exact-number integration tests: the OpenMetrics text
 * (every sample with a timestamp in seconds, `# EOF` last) is backfilled with
 * `promtool tsdb create-blocks-from openmetrics` into a fresh Prometheus, or imported into a fresh
 * VictoriaMetrics through /api/v1/import/prometheus.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startPrometheus, startVictoriaMetrics, type MetricsEngine } from '../stack/prometheus';

const run = promisify(execFile);

export interface EngineWithData {
  kind: MetricsEngine['kind'];
  url: string;
  stop(): Promise<void>;
}

function withCleanup(engine: MetricsEngine, dir: string): EngineWithData {
  return {
    kind: engine.kind,
    url: engine.url,
    async stop() {
      await engine.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Backfills `openMetrics` with promtool and starts Prometheus on the blocks (no scraping). */
export async function startPrometheusWithData(openMetrics: string): Promise<EngineWithData> {
  const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-prom-'));
  const input = path.join(dir, 'input.om');
  const dataDir = path.join(dir, 'data');
  writeFileSync(input, openMetrics.endsWith('\n') ? openMetrics : `${openMetrics}\n`);
  await run(process.env.PROMTOOL_BIN ?? 'promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, dataDir], {
    maxBuffer: 16 * 1024 * 1024,
  });
  rmSync(input);
  const engine = await startPrometheus({ dataDir, retention: '100y' });
  return withCleanup(engine, dir);
}

/** Imports `openMetrics` (seconds timestamps) into a fresh VictoriaMetrics and makes it queryable. */
export async function startVictoriaMetricsWithData(openMetrics: string): Promise<EngineWithData> {
  const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-vm-'));
  const engine = await startVictoriaMetrics({ dataDir: path.join(dir, 'data') });
  const body = openMetrics
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line) => {
      const cut = line.lastIndexOf(' ');
      const ms = Math.round(Number(line.slice(cut + 1)) * 1000);
      return `${line.slice(0, cut)} ${ms}`;
    })
    .join('\n');
  const res = await fetch(`${engine.url}/api/v1/import/prometheus`, { method: 'POST', body });
  if (!res.ok) throw new Error(`VictoriaMetrics import failed: HTTP ${res.status} ${await res.text()}`);
  await fetch(`${engine.url}/internal/force_flush`);
  return withCleanup(engine, dir);
}

/** One OpenMetrics sample line: name{labels} value timestampSec. Label values are escaped. */
export function sampleLine(name: string, labels: Record<string, string>, value: number, timestampSec: number): string {
  const body = Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
  return `${name}{${body}} ${value} ${timestampSec}`;
}
