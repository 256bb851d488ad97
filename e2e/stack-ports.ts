/**
 * Ports and paths of the stack the browser tests run against (see scripts/e2e-stack.ts).
 * E2E_SLOT=N (0–9) moves every port, the config directory, the Next.js build directory and the test
 * output to a set of its own, so several checkouts' browser tests can run side by side.
 */
import path from 'node:path';

const slot = Number(process.env.E2E_SLOT ?? 0);
const suffix = slot === 0 ? '' : `-${slot}`;

export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3210 + slot * 10);
export const E2E_PROMETHEUS_PORT = Number(process.env.E2E_PROMETHEUS_PORT ?? 9290 + slot * 10);
export const E2E_SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 16786 + slot * 10);
export const E2E_APP_URL = `http://127.0.0.1:${E2E_APP_PORT}`;
export const E2E_PROMETHEUS_URL = `http://127.0.0.1:${E2E_PROMETHEUS_PORT}`;
export const E2E_SIM_URL = `http://127.0.0.1:${E2E_SIM_PORT}`;
export const E2E_CONFIG_DIR = path.resolve(process.env.E2E_CONFIG_DIR ?? `.data/e2e${suffix}/config`);
export const E2E_OUTPUT_DIR = path.resolve(`test-results${suffix}`);
export const SCREENSHOT_DIR = path.join(E2E_OUTPUT_DIR, 'screenshots');
