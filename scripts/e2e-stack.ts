/**
 * The stack Playwright's webServer starts: simulator + Prometheus (2 s scrapes, so tests see changes
 * fast) + the built dashboard, on the e2e ports, with a fresh config directory. Runs until killed.
 */
import path from 'node:path';
import { E2E_APP_PORT, E2E_CONFIG_DIR, E2E_OUTPUT_DIR, E2E_PROMETHEUS_PORT, E2E_SIM_PORT } from '../e2e/stack-ports';
import { resetConfigDir } from '../sim/scenarios';
import { assertPortsFree, startStack } from './stack/stack';

resetConfigDir(E2E_CONFIG_DIR);
await assertPortsFree({ E2E_APP_PORT, E2E_PROMETHEUS_PORT, E2E_SIM_PORT });
const stack = await startStack({
  appPort: E2E_APP_PORT,
  prometheusPort: E2E_PROMETHEUS_PORT,
  simPort: E2E_SIM_PORT,
  configDir: E2E_CONFIG_DIR,
  logDir: path.join(E2E_OUTPUT_DIR, 'stack-logs'),
  scrapeIntervalSec: 2,
  rps: 10,
  appEnv: { QUERY_CACHE_TTL_MS: '1000', QUERY_TIME_QUANTUM_MS: '1000' },
});
console.log(`e2e stack: app ${stack.app?.url}, prometheus ${stack.prometheus.url}, sim ${stack.sim.url}`);
const stop = async () => {
  await stack.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
