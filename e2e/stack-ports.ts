/** Ports and paths of the stack the browser tests run against (see scripts/e2e-stack.ts). */
import path from 'node:path';

export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3210);
export const E2E_PROMETHEUS_PORT = Number(process.env.E2E_PROMETHEUS_PORT ?? 9290);
export const E2E_SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 16786);
export const E2E_APP_URL = `http://127.0.0.1:${E2E_APP_PORT}`;
export const E2E_PROMETHEUS_URL = `http://127.0.0.1:${E2E_PROMETHEUS_PORT}`;
export const E2E_SIM_URL = `http://127.0.0.1:${E2E_SIM_PORT}`;
export const E2E_CONFIG_DIR = path.resolve(process.env.E2E_CONFIG_DIR ?? '.data/e2e/config');
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');
