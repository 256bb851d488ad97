import type { Page } from '@playwright/test';
import { expect, promQuery, saveScreenshot, test, waitForPromQL } from './fixtures';

/**
 * The /security page (and the graph's security colouring) on the demo's security scenarios. The
 * stack's Prometheus is shared by every test, so each test first waits, through PromQL, for the
 * telemetry its expectations need (a scenario's effect, or the previous scenario leaving the 1-minute
 * window), then reads the page as a person would.
 */
const SECURITY_URL = '/security?namespaces=default&duration=1m&refresh=5s';
const DEST = 'istio_requests_total{reporter="destination",destination_workload_namespace="default"';

const disagreements = (page: Page) => page.getByRole('list', { name: 'Disagreements' }).getByRole('listitem');
const workloadRow = (page: Page, name: string) => page.getByRole('table', { name: 'Workloads' }).getByRole('row').filter({ hasText: `default/${name}` });
const trafficRows = (page: Page) => page.getByRole('table', { name: 'Traffic' }).getByRole('row');

test.describe('security review', () => {
  test.setTimeout(180_000);

  test('PERMISSIVE by default: the out-of-mesh client is the one caller that would be refused under STRICT', async ({ page, scenarios }) => {
    await scenarios.apply('out-of-mesh-client');
    await waitForPromQL(`sum(rate(${DEST},source_workload="unknown",connection_security_policy="none"}[1m]))`, (r) => (r[0]?.value ?? 0) > 0, 60_000);
    await page.goto(SECURITY_URL);
    await expect(page.getByTestId('header-mtls')).toHaveText(/mTLS not enabled/);
    await expect(page.getByTestId('mesh-status')).toHaveText('mTLS not enabled');
    const refused = disagreements(page).filter({ hasText: 'Would be refused under STRICT' });
    await expect(refused).toHaveCount(1);
    await expect(refused.getByTestId('caller')).toHaveText('unknown');
    await expect(refused).toContainText('default/ratings-v1');
    await expect(refused).toContainText('test/netpod');
    // Every Bookinfo workload is PERMISSIVE on its one port (Istio's default, no PeerAuthentication).
    for (const w of ['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings-v1']) {
      await expect(workloadRow(page, w).locator('[data-state]').first()).toHaveText('PERMISSIVE');
    }
    // ratings' inbound share below 100 % because of the plaintext caller; PromQL says by how much.
    const [truth] = await promQuery(
      `100 * sum(rate(${DEST},destination_workload="ratings-v1",connection_security_policy="mutual_tls"}[1m])) / sum(rate(${DEST},destination_workload="ratings-v1"}[1m]))`,
    );
    expect(truth?.value ?? 100).toBeLessThan(100);
    await expect(workloadRow(page, 'ratings-v1').getByTestId('workload-mtls')).not.toHaveText('100%');
    await saveScreenshot(page, 'security-out-of-mesh-client');

    await page.goto('/graph?namespaces=default&duration=1m&refresh=off&colorBy=security');
    await expect.poll(() => page.evaluate(() => window.__meshscopeGraph?.edges().length ?? 0), { timeout: 30_000 }).toBeGreaterThan(5);
    const plaintext = await page.evaluate(() => window.__meshscopeGraph!.edges().filter((e) => e.classes.includes('sec-plaintext')).map((e) => e.source));
    expect(plaintext).toContain('unknown');
    await saveScreenshot(page, 'security-graph-out-of-mesh-client');
  });

  test('mesh-wide STRICT: mTLS enabled, every workload STRICT, every in-mesh edge locked, the plaintext client gone', async ({ page, scenarios }) => {
    await scenarios.apply('strict-mtls');
    // Wait for the plaintext client's earlier requests (if any) to leave the 1-minute window.
    await waitForPromQL(`sum(rate(${DEST},source_workload="unknown"}[1m])) or vector(0)`, (r) => (r[0]?.value ?? 1) === 0, 100_000);
    await waitForPromQL(`sum(rate(${DEST},connection_security_policy="mutual_tls"}[1m]))`, (r) => (r[0]?.value ?? 0) > 0);
    await page.goto(SECURITY_URL);
    await expect(page.getByTestId('header-mtls')).toHaveText(/mTLS enabled/);
    await expect(page.getByTestId('mesh-status')).toHaveText('mTLS enabled');
    await expect(page.getByText('istio-system/default').first()).toBeVisible();
    for (const w of ['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings-v1']) {
      await expect(workloadRow(page, w).locator('[data-state]').first()).toHaveText('STRICT');
    }
    await expect(page.getByTestId('observed-mtls')).toHaveText('100%');
    await expect(disagreements(page).filter({ hasText: /plaintext|refused/i })).toHaveCount(0);
    // The traffic table: no row from a caller without identity, and each row 100 % mTLS.
    await expect(trafficRows(page).filter({ hasText: 'unknown' })).toHaveCount(0);
    const rows = trafficRows(page).filter({ hasText: 'default/' });
    expect(await rows.count()).toBeGreaterThanOrEqual(7);
    for (const row of await rows.all()) {
      await expect(row.getByRole('cell').nth(4)).toHaveText(/^\s*100%$/);
      await expect(row.getByRole('cell').nth(4).getByRole('img', { name: 'mutual TLS' })).toBeVisible();
    }
    await saveScreenshot(page, 'security-strict-mtls');

    await page.goto('/graph?namespaces=default&duration=1m&refresh=off&colorBy=security');
    await expect.poll(() => page.evaluate(() => window.__meshscopeGraph?.edges().length ?? 0), { timeout: 30_000 }).toBeGreaterThan(5);
    const edges = await page.evaluate(() => window.__meshscopeGraph!.edges().map((e) => ({ source: e.source, classes: e.classes })));
    expect(edges.filter((e) => e.source === 'unknown')).toEqual([]);
    expect(edges.filter((e) => e.classes.includes('sec-plaintext') || e.classes.includes('sec-partial'))).toEqual([]);
    expect(await page.evaluate(() => window.__meshscopeGraph!.markers().filter((m) => m.classes.includes('marker-mtls')).length)).toBeGreaterThanOrEqual(6);
    await saveScreenshot(page, 'security-graph-strict-mtls');
  });

  test('allow-nothing: the 403 edge is listed beside the policy that denies it', async ({ page, scenarios }) => {
    await scenarios.apply('allow-nothing');
    await waitForPromQL(`sum(rate(${DEST},response_code="403",response_flags="-"}[1m]))`, (r) => (r[0]?.value ?? 0) > 0, 60_000);
    await page.goto(SECURITY_URL);
    const denied = disagreements(page).filter({ hasText: 'Denied by AuthorizationPolicy' });
    // The gateway's requests to productpage are denied; productpage, denied, calls nobody.
    const truth = await promQuery(`sum by (source_workload, destination_workload) (rate(${DEST},response_code="403",response_flags="-"}[1m]))`);
    await expect(denied).toHaveCount(truth.length);
    const pp = denied.filter({ hasText: 'default/productpage-v1' });
    await expect(pp.getByTestId('caller')).toHaveText('istio-system/istio-ingressgateway');
    await expect(pp.getByTestId('policies')).toHaveText('AuthorizationPolicy default/allow-nothing');
    await saveScreenshot(page, 'security-allow-nothing');
  });

  test('bad namespaces are refused with 400 and a message', async ({ request }) => {
    const res = await request.get('/api/security?namespaces=Bad_Name');
    expect(res.status()).toBe(400);
    expect((await res.json()).error).toMatch(/invalid namespace/);
  });
});
