/**
 * Shared Playwright fixtures: a page that fails the test on console errors (unless the test says it
 * expects some), scenario switching on the simulator's config directory, and PromQL polling so a test
 * waits for telemetry rather than sleeping.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { HookEdge, HookNode } from '../components/graph/test-hook';
import { applyScenario, removeScenario } from '../sim/scenarios';
import { E2E_CONFIG_DIR, E2E_PROMETHEUS_URL, SCREENSHOT_DIR } from './stack-ports';

interface Fixtures {
  /** Set to true with test.use() in tests that provoke backend failures on purpose. */
  allowConsoleErrors: boolean;
  /** Applies simulator scenarios for this test and removes them afterwards. */
  scenarios: { apply(name: string): Promise<void> };
}

export const test = base.extend<Fixtures>({
  allowConsoleErrors: [false, { option: true }],
  page: async ({ page, allowConsoleErrors }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      // With where it came from: for "Failed to load resource" that is the URL that failed.
      if (m.type() === 'error') errors.push(m.location().url ? `${m.text()} (${m.location().url})` : m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await use(page);
    if (!allowConsoleErrors) expect(errors, 'errors in the browser console').toEqual([]);
  },
  scenarios: async ({}, use) => {
    const applied: string[] = [];
    await use({
      async apply(name: string) {
        await applyScenario(E2E_CONFIG_DIR, name);
        applied.push(name);
      },
    });
    for (const name of applied.reverse()) await removeScenario(E2E_CONFIG_DIR, name);
  },
});

export { expect };

/** Instant PromQL against the test stack's Prometheus, at `timeSec` (Unix seconds) when given, else now. */
export async function promQuery(query: string, timeSec?: number): Promise<Array<{ metric: Record<string, string>; value: number }>> {
  const params = new URLSearchParams(timeSec === undefined ? { query } : { query, time: String(timeSec) });
  const res = await fetch(`${E2E_PROMETHEUS_URL}/api/v1/query?${params}`);
  const body = (await res.json()) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

/** Polls a PromQL query until `ok` holds (or fails after `timeoutMs`). */
export async function waitForPromQL(
  query: string,
  ok: (result: Array<{ metric: Record<string, string>; value: number }>) => boolean,
  timeoutMs = 60_000,
): Promise<void> {
  await expect.poll(async () => ok(await promQuery(query)), { timeout: timeoutMs, intervals: [1000] }).toBe(true);
}

/** The graph canvas as the page's read-only hook (components/graph/test-hook.ts) describes it. */
export const hookNodes = (page: Page): Promise<HookNode[]> => page.evaluate(() => window.__meshscopeGraph?.nodes() ?? []);
export const hookEdges = (page: Page): Promise<HookEdge[]> => page.evaluate(() => window.__meshscopeGraph?.edges() ?? []);
export const hookMarkers = (page: Page): Promise<HookNode[]> => page.evaluate(() => window.__meshscopeGraph?.markers() ?? []);

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
