/**
 * Golden signals in the browser against the demo stack (simulator → real Prometheus → built app):
 * the lists show Bookinfo with numbers that agree with Prometheus, the reviews service page draws the
 * four signals, and under the ratings-abort-50 scenario the ratings error chart and codes table show
 * the injected 503s in the share Prometheus itself computes.
 */
import type { Page } from '@playwright/test';
import { expect, promQuery, saveScreenshot, test, waitForPromQL } from './fixtures';

const Q = 'namespaces=default&duration=1m&refresh=off';

/** Traffic to reviews, and a full minute of it (so 1-minute rates are settled, not ramping up). */
async function waitForTraffic(): Promise<void> {
  await waitForPromQL('min(count_over_time(istio_requests_total{reporter="source",destination_service_name="reviews"}[1m]))', (r) => (r[0]?.value ?? 0) >= 25, 90_000);
}

/** The text of a cell in a legend row of the chart named `title`. */
function legendRow(page: Page, title: string, series: string) {
  return page.getByRole('figure', { name: title }).getByRole('table', { name: `${title} legend` }).getByRole('row').filter({ hasText: series }).first();
}

function numberIn(text: string): number {
  const m = /(-?\d+(?:\.\d+)?)/.exec(text.replace(/,/g, ''));
  return m ? Number(m[1]) : Number.NaN;
}

test.describe('golden signals', () => {
  test('the lists show the Bookinfo services, workloads and apps with the numbers Prometheus has', async ({ page }) => {
    await waitForTraffic();
    await page.goto(`/services?${Q}`);
    const table = page.getByRole('table', { name: 'services' });
    for (const name of ['productpage', 'details', 'reviews', 'ratings']) {
      await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
    }
    // Requests into reviews: the graph's rule counts in-mesh callers from the source reporter.
    const truth = (await promQuery('sum(rate(istio_requests_total{reporter="source",destination_service_name="reviews",destination_service_namespace="default"}[1m]))'))[0]?.value ?? 0;
    const shown = numberIn(await table.locator('tr[data-row="svc:default:reviews"] td').nth(3).innerText());
    expect(truth).toBeGreaterThan(0);
    expect(Math.abs(shown - truth) / truth).toBeLessThan(0.2);
    await expect(table.locator('tr[data-row="svc:default:reviews"]').getByText('Healthy')).toBeVisible();
    await expect(table.locator('tr[data-row="svc:default:reviews"]').getByRole('link', { name: 'Show reviews in the graph' }))
      .toHaveAttribute('href', /\/graph\?.*graphType=versionedApp.*focus=svc%3Adefault%3Areviews/);

    await page.getByLabel('Filter services by name').fill('rev');
    await expect(table.getByRole('link', { name: 'details', exact: true })).toHaveCount(0);
    await expect(table.getByRole('link', { name: 'reviews', exact: true })).toBeVisible();
    await saveScreenshot(page, 'signals-services-list');

    await page.goto(`/workloads?${Q}`);
    const wl = page.getByRole('table', { name: 'workloads' });
    for (const name of ['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings-v1']) {
      await expect(wl.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await saveScreenshot(page, 'signals-workloads-list');
    await page.goto(`/apps?${Q}`);
    await expect(page.getByRole('table', { name: 'apps' }).getByRole('link', { name: 'reviews', exact: true })).toBeVisible();
  });

  test('the reviews service page shows traffic, errors, latency and saturation with data', async ({ page }) => {
    await waitForTraffic();
    await page.goto(`/services/default/reviews?${Q}`);
    await expect(page.getByRole('heading', { name: /reviews/, level: 1 })).toBeVisible();
    // Traffic: the 2xx series has a positive latest value.
    await expect.poll(async () => numberIn(await legendRow(page, 'Traffic (requests/s)', '2xx').locator('td').nth(1).innerText())).toBeGreaterThan(0);
    // Errors: the chart is drawn with its 5xx and 4xx series (0 % in the healthy demo).
    await expect(legendRow(page, 'Errors (% of requests)', '5xx %')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Response codes and flags' }).getByRole('cell', { name: '200', exact: true })).toBeVisible();
    // Latency: p95 ≥ p50 > 0 ms.
    const p50 = numberIn(await legendRow(page, 'Latency (ms)', 'p50').locator('td').nth(3).innerText());
    const p95 = numberIn(await legendRow(page, 'Latency (ms)', 'p95').locator('td').nth(3).innerText());
    expect(p50).toBeGreaterThan(0);
    expect(p95).toBeGreaterThanOrEqual(p50);
    // Saturation: request and response bytes; no cAdvisor in the demo, and the page says so.
    await expect(legendRow(page, 'Throughput (bytes/s)', 'response bytes')).toBeVisible();
    await expect(page.getByRole('figure', { name: 'Container CPU and memory' }).getByText(/not available from this Prometheus/)).toBeVisible();
    // Four signals: each drawn as an SVG chart.
    for (const title of ['Traffic (requests/s)', 'Errors (% of requests)', 'Latency (ms)', 'Throughput (bytes/s)']) {
      await expect(page.getByRole('figure', { name: title }).locator('svg.recharts-surface')).toBeVisible();
    }
    await expect(page.getByRole('link', { name: 'Traces of this window' })).toHaveAttribute('href', /^\/traces\?service=reviews\.default&start=\d{16}&end=\d{16}$/);
    await saveScreenshot(page, 'signals-reviews-service');

    // A click on a chart instant links to the traces of that moment.
    const plot = page.getByRole('figure', { name: 'Traffic (requests/s)' }).locator('svg.recharts-surface');
    await plot.hover({ position: { x: 200, y: 80 } });
    // The hover shows every series at that instant.
    await expect(page.locator('.signals-tooltip').getByText('total')).toBeVisible();
    await expect(page.locator('.signals-tooltip').getByText('2xx')).toBeVisible();
    await plot.click({ position: { x: 200, y: 80 } });
    await expect(page.getByRole('link', { name: /^Traces from / })).toHaveAttribute('href', /^\/traces\?service=reviews\.default&start=\d{16}&end=\d{16}$/);

    // Split by source workload: productpage is the only caller.
    await page.getByLabel(/Split traffic by source workload/).click();
    await expect(page).toHaveURL(/split=true/);
    await expect(legendRow(page, 'Traffic (requests/s)', 'default/productpage-v1')).toBeVisible();
  });

  test('under ratings-abort-50 the ratings error chart shows the injected 503s', async ({ page, scenarios }) => {
    await waitForTraffic();
    await scenarios.apply('ratings-abort-50');
    const share = 'sum(rate(istio_requests_total{reporter="source",destination_service_name="ratings",response_code="503"}[1m])) / sum(rate(istio_requests_total{reporter="source",destination_service_name="ratings"}[1m]))';
    // Wait until most of the 1-minute window is under the scenario.
    await waitForPromQL(share, (r) => (r[0]?.value ?? 0) > 0.35, 90_000);
    await page.goto(`/services/default/ratings?${Q}`);
    const codes = page.getByRole('table', { name: 'Response codes and flags' });
    const row503 = codes.getByRole('row').filter({ hasText: '503' }).filter({ hasText: 'FI' });
    await expect(row503).toBeVisible();
    const truth = ((await promQuery(share))[0]?.value ?? 0) * 100;
    const shownShare = numberIn(await row503.locator('td').nth(4).innerText());
    expect(Math.abs(shownShare - truth)).toBeLessThan(10);
    await expect.poll(async () => numberIn(await legendRow(page, 'Errors (% of requests)', '5xx %').locator('td').nth(2).innerText())).toBeGreaterThan(20);
    await expect(page.getByRole('heading', { level: 1 }).getByText('Failing')).toBeVisible();
    await saveScreenshot(page, 'signals-ratings-abort');

    // The list agrees with the detail page (the graph's rule over the same window).
    await page.goto(`/services?${Q}`);
    const ratingsRow = page.locator('tr[data-row="svc:default:ratings"]');
    await expect(ratingsRow.getByText('Failing')).toBeVisible();
    // The scenario's VirtualService is a config badge on the row.
    await expect(ratingsRow.getByText('VS', { exact: true })).toHaveAttribute('title', 'VirtualService default/ratings');
  });

  test('overview cards link to the namespace graph', async ({ page }) => {
    await waitForTraffic();
    await page.goto(`/?${Q}`);
    const card = page.getByRole('link', { name: 'Namespace default: open its graph' });
    await expect(card).toBeVisible();
    await expect(card).toHaveAttribute('href', /^\/graph\?namespaces=default&/);
    await expect.poll(async () => numberIn(await card.locator('.overview-card__numbers strong').first().innerText())).toBeGreaterThan(0);
    await expect(card.locator('svg.recharts-surface')).toBeVisible();
    await saveScreenshot(page, 'signals-overview');
    // The ingress gateway only sends: its inbound side is an empty state, not an error.
    await page.goto(`/workloads/istio-system/istio-ingressgateway?${Q}`);
    await expect(page.getByText('No requests in the last 1 minute')).toBeVisible();
  });

  test.describe('unknown names', () => {
    // The browser logs the 404 of the page itself; every other console error still fails the test.
    test.use({ allowConsoleErrors: true });

    test('answer 404 and say not found', async ({ page }) => {
      await waitForTraffic();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      const service = await page.goto(`/services/default/no-such-service?${Q}`);
      expect(service?.status()).toBe(404);
      await expect(page.getByText('Service not found')).toBeVisible();
      const workload = await page.goto(`/workloads/default/no-such-workload?${Q}`);
      expect(workload?.status()).toBe(404);
      await expect(page.getByText('Workload not found')).toBeVisible();
      expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
      // A name that exists is a page, not a 404.
      expect((await page.goto(`/services/default/reviews?${Q}`))?.status()).toBe(200);
    });
  });
});

test.describe('golden signals when the backend fails', () => {
  test.use({ allowConsoleErrors: true });

  test('a failed refresh keeps the last charts on screen, marked stale', async ({ page }) => {
    await waitForTraffic();
    await page.goto('/services/default/reviews?namespaces=default&duration=1m&refresh=5s');
    await expect(page.getByRole('figure', { name: 'Traffic (requests/s)' }).locator('svg.recharts-surface')).toBeVisible();
    await page.route('**/api/signals/**', (route) => route.fulfill({
      status: 503, contentType: 'application/json',
      body: JSON.stringify({ error: 'Prometheus at http://127.0.0.1:1 is unreachable: ECONNREFUSED', code: 'backend_unavailable', backend: 'prometheus' }),
    }));
    await expect(page.getByText(/Could not refresh the signals — showing data from .* \(stale\)/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/is unreachable: ECONNREFUSED/)).toBeVisible();
    await expect(page.getByRole('figure', { name: 'Traffic (requests/s)' }).locator('svg.recharts-surface')).toBeVisible();
    await saveScreenshot(page, 'signals-stale');
  });
});
