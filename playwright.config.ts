import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { E2E_APP_URL, E2E_OUTPUT_DIR } from './e2e/stack-ports';

/**
 * Browser tests in Debian's Chromium (never a downloaded browser). The webServer starts the whole
 * demo stack — simulator, real Prometheus, the built dashboard — on ports of its own, so a running
 * `npm run demo` is not disturbed. Tests share that stack and run one at a time; each test that
 * applies a simulator scenario removes it again.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  outputDir: path.join(E2E_OUTPUT_DIR, 'playwright'),
  use: {
    baseURL: E2E_APP_URL,
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
  webServer: {
    command: 'node_modules/.bin/tsx scripts/e2e-stack.ts',
    url: `${E2E_APP_URL}/api/metrics`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe',
    // The stack's processes run in process groups of their own: SIGTERM lets e2e-stack.ts stop them,
    // where Playwright's default SIGKILL would leave the simulator, Prometheus and the app running.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
