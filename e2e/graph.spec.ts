/**
 * The graph page in Chromium against the simulator + real Prometheus. The page is read two ways: the
 * cytoscape model through the read-only window.__meshscopeGraph hook, and what a person sees (the
 * node/edge tables, the side panel, banners). Expected values come from PromQL asked independently.
 */
import type { Page } from '@playwright/test';
import { expect, hookEdges, hookMarkers, hookNodes, promQuery, saveScreenshot, test, waitForPromQL } from './fixtures';

const BOOKINFO = ['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings-v1'];


async function waitForBookinfoTraffic(): Promise<void> {
  await waitForPromQL(
    'count(sum by (destination_workload) (rate(istio_requests_total{reporter="destination",destination_workload_namespace="default"}[1m]) > 0))',
    (r) => (r[0]?.value ?? 0) >= BOOKINFO.length,
  );
}

async function openGraph(page: Page, extra: string): Promise<void> {
  await page.goto(`/graph?namespaces=default&duration=1m&refresh=off&${extra}`);
  await expect.poll(async () => (await hookNodes(page)).length, { timeout: 30_000 }).toBeGreaterThan(3);
}

async function clickNode(page: Page, id: string): Promise<void> {
  const node = (await hookNodes(page)).find((n) => n.id === id);
  expect(node, `node ${id} in the canvas`).toBeDefined();
  const box = await page.locator('.graph-canvas').boundingBox();
  if (!box || !node) throw new Error('no canvas');
  await page.mouse.click(box.x + node.rendered.x, box.y + node.rendered.y);
}

test.describe('service graph', () => {
  test('shows every Bookinfo workload, in the canvas and in the node table', async ({ page }) => {
    await waitForBookinfoTraffic();
    const fromProm = (await promQuery('sum by (destination_workload) (rate(istio_requests_total{reporter="destination",destination_workload_namespace="default"}[1m]) > 0)'))
      .map((r) => r.metric.destination_workload).sort();
    expect(fromProm).toEqual([...BOOKINFO].sort());
    await openGraph(page, 'graphType=workload&table=1');
    await expect.poll(async () => (await hookNodes(page)).filter((n) => n.id.startsWith('wl:default:')).map((n) => n.data.name).sort()).toEqual(fromProm);
    const gateway = (await hookNodes(page)).find((n) => n.id === 'wl:istio-system:istio-ingressgateway');
    expect(gateway?.classes).toContain('gateway');
    expect(gateway?.classes).toContain('outside'); // istio-system is not selected: muted
    const table = page.getByRole('table', { name: 'Graph nodes' });
    for (const w of BOOKINFO) await expect(table.getByRole('button', { name: w, exact: true })).toBeVisible();
    await expect(table.getByRole('row', { name: /istio-ingressgateway \(gateway\)/ })).toBeVisible();
    await saveScreenshot(page, 'graph-workloads');
  });

  test('clicking reviews-v2 opens its panel with its traffic and links', async ({ page }) => {
    await waitForBookinfoTraffic();
    const answer = page.waitForResponse((r) => r.url().includes('/api/graph?') && r.ok());
    await openGraph(page, 'graphType=workload');
    // The graph's own evaluation time: PromQL is asked at it (a minute-long window that is still
    // filling moves by tens of percent in the seconds between the graph and a query made now).
    const { timestamp } = (await (await answer).json()) as { timestamp: number };
    await clickNode(page, 'wl:default:reviews-v2');
    const panel = page.getByRole('complementary', { name: 'Details' });
    await expect(panel.getByRole('heading', { name: 'reviews-v2' })).toBeVisible();
    await expect(panel.getByText('Workload in default')).toBeVisible();
    // Inbound requests/s against PromQL: the one caller (productpage) from its own proxy.
    const [truth] = await promQuery('sum(rate(istio_requests_total{reporter="source",destination_workload="reviews-v2"}[1m]))', timestamp);
    const text = (await panel.getByRole('row', { name: /Requests\/s/ }).getByRole('cell').nth(0).textContent()) ?? '';
    expect(truth?.value ?? 0).toBeGreaterThan(0);
    // Same data, same time: only the panel's rounding (half its last decimal) between them.
    const halfStep = 0.5 * 10 ** -(text.split('.')[1]?.length ?? 0);
    expect(Math.abs(Number(text) - (truth?.value ?? 0))).toBeLessThanOrEqual(halfStep + 1e-9);
    await expect(panel.getByRole('link', { name: 'Details' })).toHaveAttribute('href', '/workloads/default/reviews-v2');
    await expect(panel.getByRole('link', { name: 'Traces' })).toHaveAttribute('href', '/traces?service=reviews.default');
    await expect(panel.getByText('Requests per second')).toBeVisible(); // the chart
    await saveScreenshot(page, 'graph-panel-reviews-v2');
  });

  test('switching the label mode changes the edge labels; the reviews split adds up to 100 %', async ({ page }) => {
    await waitForBookinfoTraffic();
    await openGraph(page, '');
    await expect.poll(async () => (await hookEdges(page)).every((e) => / rps$| B\/s$|KiB\/s$/.test(e.label))).toBe(true);
    await page.getByLabel('Edge labels').selectOption('percent');
    await expect(page).toHaveURL(/edgeLabels=percent/);
    await expect.poll(async () => (await hookEdges(page)).every((e) => /%$/.test(e.label))).toBe(true);
    const split = (await hookEdges(page)).filter((e) => e.source === 'svc:default:reviews');
    expect(split.map((e) => e.target).sort()).toEqual(['vapp:default:reviews:v1', 'vapp:default:reviews:v2', 'vapp:default:reviews:v3']);
    const total = split.reduce((a, e) => a + Number(e.label.replace('%', '')), 0);
    expect(Math.abs(total - 100)).toBeLessThan(0.5);
    for (const e of split) expect(Math.abs(Number(e.label.replace('%', '')) - 100 / 3)).toBeLessThan(12);
    await page.getByLabel('Edge labels').selectOption('p95');
    await expect.poll(async () => (await hookEdges(page)).filter((e) => e.label !== '').every((e) => / ms$| s$/.test(e.label))).toBe(true);
    await page.getByLabel('Edge labels').selectOption('none');
    await expect.poll(async () => (await hookEdges(page)).every((e) => e.label === '')).toBe(true);
  });

  test('STRICT mTLS: a lock on every in-mesh edge, in the canvas and in the edge table', async ({ page, scenarios }) => {
    await scenarios.apply('strict-mtls');
    await waitForBookinfoTraffic();
    // Wait until the window holds only traffic seen after the switch (the sim reports mTLS for
    // every sidecar-to-sidecar request; the point is that nothing in-mesh is plaintext).
    await waitForPromQL('sum(rate(istio_requests_total{reporter="destination",source_workload!="unknown",connection_security_policy!="mutual_tls"}[1m])) or vector(0)', (r) => (r[0]?.value ?? 1) === 0);
    await openGraph(page, 'graphType=workload&table=1');
    const edges = (await hookEdges(page)).filter((e) => e.source !== 'unknown');
    expect(edges.length).toBeGreaterThanOrEqual(7);
    const markers = new Map((await hookMarkers(page)).map((m) => [m.data.edge as string, m]));
    for (const e of edges) {
      expect(e.data.security, e.id).toBe('mtls');
      expect(markers.get(e.id)?.classes, `lock on ${e.id}`).toContain('marker-mtls');
    }
    // What a person reads: the Security column of every in-mesh edge row says mTLS.
    const rows = page.getByRole('table', { name: 'Graph edges' }).locator('tbody tr');
    await expect(rows).toHaveCount((await hookEdges(page)).length);
    for (const row of await rows.all()) {
      const from = (await row.locator('td').first().textContent()) ?? '';
      if (from !== 'unknown') await expect(row.locator('td').last()).toHaveText('mTLS');
    }
    await page.getByLabel('Colour edges by').selectOption('security');
    await expect(page).toHaveURL(/colorBy=security/);
    await saveScreenshot(page, 'graph-strict-mtls');
  });

  test('an out-of-mesh client shows as unknown with an open (plaintext) marker', async ({ page, scenarios }) => {
    await scenarios.apply('out-of-mesh-client');
    await waitForPromQL('sum(rate(istio_requests_total{reporter="destination",source_workload="unknown",destination_workload="ratings-v1",connection_security_policy="none"}[30s]))', (r) => (r[0]?.value ?? 0) > 0);
    await openGraph(page, 'graphType=workload&table=1');
    // unknown → the ratings service node (service nodes are on by default) → ratings-v1.
    const edgeId = 'unknown>svc:default:ratings>http';
    // The page was opened with refresh off, and its first answer may predate the client's first scrape
    // (the server evaluates at a 5 s quantum and caches): refresh as a user would until the edge is in.
    await expect.poll(async () => {
      const security = (await hookEdges(page)).find((e) => e.id === edgeId)?.data.security;
      if (security !== 'plaintext') await page.getByRole('button', { name: 'Refresh now' }).click();
      return security;
    }, { intervals: [2000] }).toBe('plaintext');
    const markers = await hookMarkers(page);
    expect(markers.find((m) => m.data.edge === edgeId)?.classes).toContain('marker-plaintext');
    await expect(page.getByRole('table', { name: 'Graph edges' }).getByRole('row').filter({ hasText: 'unknown' })).toContainText('plaintext');
  });

  test('find marks matches; hide removes them; focus keeps only the path through a node', async ({ page }) => {
    await waitForBookinfoTraffic();
    await openGraph(page, 'graphType=workload');
    await page.getByLabel('Find').fill('name = reviews*');
    await page.getByLabel('Find').press('Enter');
    await expect(page).toHaveURL(/find=name/);
    await expect.poll(async () => (await hookNodes(page)).filter((n) => n.classes.includes('found')).map((n) => n.id).sort())
      .toEqual(['svc:default:reviews', 'wl:default:reviews-v1', 'wl:default:reviews-v2', 'wl:default:reviews-v3']);
    await page.getByLabel('Hide').fill('name = details*');
    await page.getByLabel('Hide').press('Enter');
    await expect.poll(async () => (await hookNodes(page)).some((n) => n.id.includes('details'))).toBe(false);
    // Other pages link like this, without a graph type: the node id picks the workload graph.
    await page.goto('/graph?namespaces=default&duration=1m&refresh=off&focus=wl:default:details-v1');
    await expect.poll(async () => (await hookNodes(page)).map((n) => n.id).sort()).toEqual(
      ['svc:default:details', 'svc:default:productpage', 'wl:default:details-v1', 'wl:default:productpage-v1', 'wl:istio-system:istio-ingressgateway'],
    );
    await expect(page.getByText('Focused on wl:default:details-v1')).toBeVisible();
  });

  test('a broken route shows as a config-error badge on the reviews service, explained in its panel', async ({ page, scenarios }) => {
    await scenarios.apply('missing-subset');
    // Requests to reviews now fail (no subset v4): wait until Prometheus has seen some.
    await waitForPromQL('sum(rate(istio_requests_total{reporter="source",destination_service_name="reviews",response_code="503"}[30s]))', (r) => (r[0]?.value ?? 0) > 0);
    await openGraph(page, '');
    await expect.poll(async () => (await hookNodes(page)).find((n) => n.id === 'svc:default:reviews')?.label ?? '').toMatch(/VS .*✗ \d+ config issue/);
    await clickNode(page, 'svc:default:reviews');
    const panel = page.getByRole('complementary', { name: 'Details' });
    await expect(panel.getByRole('heading', { name: 'Config issues' })).toBeVisible();
    await expect(panel.getByText(/VirtualService default\/reviews/).first()).toBeVisible();
  });

  test('a dragged node keeps its place across a refresh and a reload', async ({ page }) => {
    await waitForBookinfoTraffic();
    await openGraph(page, 'graphType=workload');
    const before = (await hookNodes(page)).find((n) => n.id === 'wl:default:ratings-v1');
    if (!before) throw new Error('ratings-v1 missing');
    const box = await page.locator('.graph-canvas').boundingBox();
    if (!box) throw new Error('no canvas');
    await page.mouse.move(box.x + before.rendered.x, box.y + before.rendered.y);
    await page.mouse.down();
    await page.mouse.move(box.x + before.rendered.x + 40, box.y + before.rendered.y + 90, { steps: 8 });
    await page.mouse.up();
    const moved = (await hookNodes(page)).find((n) => n.id === 'wl:default:ratings-v1');
    expect(Math.abs((moved?.position.y ?? 0) - before.position.y)).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect(page.getByRole('button', { name: 'Refresh now' })).toBeEnabled();
    expect((await hookNodes(page)).find((n) => n.id === 'wl:default:ratings-v1')?.position).toEqual(moved?.position);
    await page.reload();
    // Saved to a tenth of a pixel.
    const near = (p?: { x: number; y: number }) => p !== undefined && moved !== undefined && Math.abs(p.x - moved.position.x) <= 0.1 && Math.abs(p.y - moved.position.y) <= 0.1;
    await expect.poll(async () => near((await hookNodes(page)).find((n) => n.id === 'wl:default:ratings-v1')?.position)).toBe(true);
  });
});

test.describe('service graph when Prometheus fails', () => {
  test.use({ allowConsoleErrors: true });

  test('keeps the last good graph on screen, marked stale, with the reason', async ({ page }) => {
    await waitForBookinfoTraffic();
    await openGraph(page, 'graphType=workload');
    const count = (await hookNodes(page)).length;
    await page.route('**/api/graph?*', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'Prometheus is unreachable', backend: 'prometheus' }) }));
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect(page.getByText(/Could not refresh the graph — showing data from .* \(stale\)/)).toBeVisible();
    await expect(page.getByText('Prometheus is unreachable')).toBeVisible();
    expect((await hookNodes(page)).length).toBe(count);
    await page.unroute('**/api/graph?*');
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect(page.getByText(/Could not refresh the graph/)).toHaveCount(0);
  });
});
