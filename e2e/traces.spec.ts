import { expect, saveScreenshot, test } from './fixtures';
import { E2E_SIM_URL } from './stack-ports';

/** Ground truth straight from the simulator's Jaeger API (not through the dashboard). */
async function simTraceCount(service: string, limit: number): Promise<number> {
  const res = await fetch(`${E2E_SIM_URL}/api/traces?${new URLSearchParams({ service, limit: String(limit) })}`);
  const body = (await res.json()) as { data: unknown[] };
  return body.data.length;
}

/** How many spans the simulator's Jaeger API gives for one trace. */
async function simSpanCount(traceId: string): Promise<number> {
  const res = await fetch(`${E2E_SIM_URL}/api/traces/${traceId}`);
  const body = (await res.json()) as { data: Array<{ spans: unknown[] }> };
  return body.data[0]?.spans.length ?? 0;
}

test.describe('traces', () => {
  test('search productpage traces, open one, walk productpage → reviews → ratings, collapse, open tags', async ({ page }) => {
    await expect.poll(() => simTraceCount('productpage.default', 20), { timeout: 30_000 }).toBe(20);
    await page.goto('/traces');
    await page.getByLabel('Service').selectOption('productpage.default');
    await page.getByRole('button', { name: 'Find traces' }).click();
    await expect(page).toHaveURL(/service=productpage\.default/);
    await expect(page.getByText('20 traces found')).toBeVisible();
    await expect(page.locator('table.trace-list tbody tr')).toHaveCount(20);
    await expect(page.getByRole('img', { name: 'Trace durations over time' })).toBeVisible();
    await saveScreenshot(page, 'traces-search');
    // the search lives in the URL: a reload shows the same search
    await page.reload();
    await expect(page.getByLabel('Service')).toHaveValue('productpage.default');
    await expect(page.getByText('20 traces found')).toBeVisible();

    // a trace through reviews v2/v3, which call ratings (reviews v1 does not), without a retry or an
    // error: 8 spans, 4 client+server hops (a retried call adds spans, and the counts below are for 8)
    const row = page.locator('table.trace-list tbody tr')
      .filter({ has: page.locator('.badge', { hasText: 'ratings.default' }) })
      .filter({ has: page.locator('td:nth-child(3)', { hasText: /^8$/ }) })
      .filter({ has: page.locator('td:nth-child(6)', { hasText: /^0$/ }) })
      .first();
    const traceId = await row.getAttribute('data-trace-id');
    await row.getByRole('link').click();
    await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}/);
    const waterfall = page.getByRole('grid', { name: 'Span waterfall' });
    await expect(waterfall).toBeVisible();

    const rows = waterfall.getByRole('row');
    expect(await simSpanCount(traceId ?? ''), 'spans of the trace in the simulator').toBe(8);
    await expect(rows).toHaveCount(8);
    const server = (svc: string) => waterfall.locator(`.span-row[data-service="${svc}"]`, { hasText: `${svc.split('.')[0]}.default.svc.cluster.local:9080/*` }).filter({ hasNotText: 'ratings.default.svc' });
    const productpage = waterfall.locator('.span-row[data-service="productpage.default"]').first();
    const reviews = server('reviews.default');
    const ratings = waterfall.locator('.span-row[data-service="ratings.default"]');
    await expect(productpage).toBeVisible();
    await expect(reviews).toHaveCount(1);
    await expect(ratings).toHaveCount(1);
    // nesting: each hop is indented deeper than its caller
    const indent = async (l: typeof productpage) => l.locator('.span-row__label').evaluate((el) => parseFloat(getComputedStyle(el).paddingLeft));
    const [pp, rv, rt] = [await indent(productpage), await indent(reviews), await indent(ratings)];
    expect(rv).toBeGreaterThan(pp);
    expect(rt).toBeGreaterThan(rv);
    // the client row of the reviews → ratings hop names the ratings workload
    await expect(waterfall.locator('.span-row[data-service="reviews.default"]', { hasText: '→ ratings-v1' })).toHaveCount(1);
    await saveScreenshot(page, 'traces-waterfall');

    // critical path drawn on the bars, and switchable off
    await expect(waterfall.locator('.span-bar__critical').first()).toBeAttached();
    await page.getByLabel('Critical path').uncheck();
    await expect(waterfall.locator('.span-bar__critical')).toHaveCount(0);
    await page.getByLabel('Critical path').check();

    // minimap: drag across 30–80% of the trace to zoom the waterfall into that range
    const minimap = page.getByRole('slider', { name: /Trace minimap/ });
    const box = (await minimap.boundingBox())!;
    const firstTick = page.locator('.waterfall__tick').first();
    await expect(firstTick).toHaveText('0µs');
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeVisible();
    // the time axis now starts about 30% into the trace, not at its start
    await expect(firstTick).not.toHaveText('0µs');
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await expect(page.getByRole('button', { name: 'Reset zoom' })).toHaveCount(0);
    await expect(firstTick).toHaveText('0µs');
    // skew adjustment can be switched off (the simulator's clocks agree, so nothing moves)
    await page.getByLabel('Adjust clock skew').uncheck();
    await expect(rows).toHaveCount(8);
    await page.getByLabel('Adjust clock skew').check();

    // one row per mesh hop: the 8 spans are 4 client+server pairs → 4 rows
    await page.getByLabel('One row per mesh hop').check();
    await expect(rows).toHaveCount(4);
    await page.getByLabel('One row per mesh hop').uncheck();
    await expect(rows).toHaveCount(8);

    // collapse the reviews server span: its subtree (ratings client + ratings server) = 2 rows disappear
    const before = await rows.count();
    await reviews.getByRole('button', { name: /^Collapse reviews\.default / }).click();
    await expect(rows).toHaveCount(before - 2);
    await expect(ratings).toHaveCount(0);
    await reviews.getByRole('button', { name: /^Expand reviews\.default / }).click();
    await expect(rows).toHaveCount(before);

    // open the ratings server span's tags
    await ratings.locator('.span-row__name').click();
    const detail = page.getByRole('complementary', { name: 'Span detail' });
    await expect(detail.getByRole('heading', { name: /^ratings\.default: ratings\.default\.svc\.cluster\.local:9080/ })).toBeVisible();
    const tags = detail.getByRole('table', { name: 'Tags' });
    await expect(tags.getByRole('row', { name: /http\.status_code 200/ })).toBeVisible();
    await expect(tags.getByRole('row', { name: /node_id sidecar~.*~ratings-v1-/ })).toBeVisible();
    await expect(detail.getByRole('region', { name: 'Mesh hop' })).toContainText(/reviews-v[23] → ratings-v1/);
    await saveScreenshot(page, 'traces-span-detail');

    // find: the highlighted rows are exactly the ones the count names, and ratings' are among them
    await page.getByLabel('Find spans').fill('ratings');
    const matched = waterfall.locator('.span-row--match');
    await expect(matched.first()).toBeVisible();
    const n = await matched.count();
    expect(n).toBeGreaterThanOrEqual(2);
    await expect(page.getByText(`${n} matches`)).toBeVisible();
  });

  test('tag search for 503s under fault injection: error traces in red, the failing hop marked', async ({ page, scenarios }) => {
    await scenarios.apply('ratings-abort-50');
    // The 503s Envoy's fault injection made (flag FI): reviews also fails on its own now and then
    // (0.3 %, a 503 of its own that Envoy retries), and such a trace, first in the list, has no
    // ratings hop to show.
    const tags = JSON.stringify({ 'http.status_code': '503', response_flags: 'FI' });
    await expect.poll(async () => {
      const res = await fetch(`${E2E_SIM_URL}/api/traces?${new URLSearchParams({ service: 'reviews.default', tags, limit: '20' })}`);
      return ((await res.json()) as { data: unknown[] }).data.length;
    }, { timeout: 60_000 }).toBe(20);
    await page.goto('/traces?service=reviews.default');
    await page.getByLabel('Tags').fill('http.status_code=503 response_flags=FI');
    await page.getByRole('button', { name: 'Find traces' }).click();
    await expect(page).toHaveURL(/tags=http\.status_code%3D503(\+|%20)response_flags%3DFI/);
    const list = page.locator('table.trace-list tbody tr');
    await expect(list).toHaveCount(20);
    // every trace found has at least one error span (the errors column is a red badge, never 0)
    await expect(list.locator('td.num .badge--error')).toHaveCount(20);
    await expect(page.locator('.trace-scatter .recharts-scatter-symbol path[fill="var(--failing)"]')).toHaveCount(20);
    await saveScreenshot(page, 'traces-search-503');
    await list.first().getByRole('link').click();
    const waterfall = page.getByRole('grid', { name: 'Span waterfall' });
    // the reviews → ratings client span carries the 503 and Envoy's fault-injection flag FI
    const failing = waterfall.locator('.span-row[data-service="reviews.default"]', { hasText: 'ratings.default.svc' });
    await expect(failing.getByLabel('error')).toBeVisible();
    // no server span answered it: the row says where the call went and how it failed
    await expect(failing).toContainText('↛ ratings.default.svc.cluster.local 503 FI');
    await failing.locator('.span-row__name').click();
    const tagTable = page.getByRole('complementary', { name: 'Span detail' }).getByRole('table', { name: 'Tags' });
    await expect(tagTable.getByRole('row', { name: /^response_flags FI$/ })).toBeVisible();
    await expect(tagTable.getByRole('row', { name: /^http\.status_code 503$/ })).toBeVisible();
    await saveScreenshot(page, 'traces-waterfall-503');
  });

  test('a link from a service page (service + start/end in µs) opens the matching search', async ({ page }) => {
    const endUs = Date.now() * 1000;
    const startUs = endUs - 5 * 60e6;
    const res = await fetch(`${E2E_SIM_URL}/api/traces?${new URLSearchParams({ service: 'reviews.default', start: String(startUs), end: String(endUs), limit: '5' })}`);
    const expected = ((await res.json()) as { data: unknown[] }).data.length;
    expect(expected).toBe(5);
    await page.goto(`/traces?service=reviews.default&start=${startUs}&end=${endUs}&limit=5`);
    await expect(page.getByLabel('Service')).toHaveValue('reviews.default');
    await expect(page.getByRole('button', { name: 'Use lookback' })).toBeVisible();
    await expect(page.locator('table.trace-list tbody tr')).toHaveCount(expected);
  });

  test.describe('faults', () => {
    test.use({ allowConsoleErrors: true });

    test('an unknown trace id shows a not-found page', async ({ page }) => {
      await page.goto('/traces/00000000000000000000000000000bad');
      await expect(page.getByRole('heading', { name: 'Trace not found' })).toBeVisible();
      await expect(page.getByRole('link', { name: /Back to trace search/ })).toBeVisible();
    });

    test('Jaeger goes down after a search: the results stay, marked stale', async ({ page }) => {
      await page.goto('/traces?service=productpage.default&limit=5');
      const list = page.locator('table.trace-list tbody tr');
      await expect(list).toHaveCount(5);
      await page.route('**/api/traces?*', (r) => r.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'Jaeger at http://jaeger is unreachable: ECONNREFUSED', code: 'backend_unavailable', backend: 'jaeger' }) }));
      await page.getByRole('button', { name: 'Find traces' }).click();
      await expect(page.getByRole('alert').filter({ hasText: /Jaeger is unreachable — showing results from .* \(stale\)/ })).toBeVisible();
      await expect(list).toHaveCount(5);
    });

    test('Jaeger down: a banner on the traces page only', async ({ page }) => {
      const down = { status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'Jaeger at http://jaeger is unreachable: ECONNREFUSED', code: 'backend_unavailable', backend: 'jaeger' }) };
      await page.route('**/api/traces/**', (r) => r.fulfill(down));
      await page.route('**/api/traces?*', (r) => r.fulfill(down));
      await page.goto('/traces?service=productpage.default');
      await expect(page.getByRole('alert').filter({ hasText: 'Jaeger is unreachable' })).toBeVisible();
      await saveScreenshot(page, 'traces-jaeger-down');
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
      await expect(page.getByText('Jaeger is unreachable')).toHaveCount(0);
    });
  });
});
