/** Starts the built dashboard (`next start`) with the environment that points it at the stack's backends. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnManaged, waitForHttp, type ManagedProcess } from './processes';

export interface AppProcess {
  url: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export interface AppStartOptions {
  port: number;
  logDir: string;
  env: Record<string, string>;
}

export async function startApp(options: AppStartOptions): Promise<AppProcess> {
  const root = path.resolve(import.meta.dirname, '..', '..');
  if (!existsSync(path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
    throw new Error('the dashboard is not built: run `npm run build` (npm run demo and npm test build it for you)');
  }
  const proc = spawnManaged(
    'dashboard',
    process.execPath,
    [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--hostname', '127.0.0.1', '--port', String(options.port)],
    { logFile: path.join(options.logDir, `app-${options.port}.log`), cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...options.env } },
  );
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHttp(`${url}/api/health/live`, proc, 90_000).catch(async (err: unknown) => {
    // Older builds without the health route: the metrics endpoint answers as soon as the server is up.
    await waitForHttp(`${url}/api/metrics`, proc, 5_000).catch(() => {
      throw err;
    });
  });
  return { url, port: options.port, process: proc, stop: () => proc.stop() };
}
