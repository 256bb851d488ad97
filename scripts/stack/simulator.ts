/** Starts the Bookinfo simulator (sim/main.ts) as a child process and waits until it answers. */
import path from 'node:path';
import { spawnManaged, waitForHttp, type ManagedProcess } from './processes';

export interface SimulatorProcess {
  url: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export interface SimulatorStartOptions {
  port: number;
  configDir: string;
  logDir: string;
  rps?: number;
  seed?: number;
  extraArgs?: string[];
}

export async function startSimulator(options: SimulatorStartOptions): Promise<SimulatorProcess> {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const args = [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'sim/main.ts'), '--port', String(options.port), '--config-dir', options.configDir];
  if (options.rps !== undefined) args.push('--rps', String(options.rps));
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  args.push(...(options.extraArgs ?? []));
  const proc = spawnManaged('simulator', process.execPath, args, { logFile: path.join(options.logDir, `sim-${options.port}.log`), cwd: root });
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHttp(`${url}/sim/health`, proc, 60_000);
  return { url, port: options.port, process: proc, stop: () => proc.stop() };
}
