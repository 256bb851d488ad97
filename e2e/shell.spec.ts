import { expect, saveScreenshot, test, waitForPromQL } from './fixtures';

test.describe('app shell', () => {
  test('shows the navigation, the global selectors and the demo namespaces', async ({ page }) => {
    await waitForPromQL('count(istio_requests_total{reporter="destination",destination_workload_namespace="default"})', (r) => (r[0]?.value ?? 0) > 0);
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const label of ['Overview', 'Graph', 'Services', 'Workloads', 'Traces', 'Istio Config']) {
      await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
    }
    await expect(page.getByLabel('Time window')).toBeVisible();
    await expect(page.getByLabel('Refresh interval')).toBeVisible();
    await expect(page.getByRole('main').getByText('default', { exact: true }).first()).toBeVisible();
    await saveScreenshot(page, 'shell-overview');
  });

  test('keeps the time window and namespaces in the URL across navigation', async ({ page }) => {
    await page.goto('/?namespaces=default&duration=5m&refresh=off');
    await page.getByLabel('Time window').selectOption('1h');
    await expect(page).toHaveURL(/duration=1h/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services', exact: true }).click();
    await expect(page).toHaveURL(/\/services\?.*duration=1h/);
    await expect(page.getByLabel('Time window')).toHaveValue('1h');
  });

  test('loading a page prefetches no other page; pointing at a link prefetches that one, and it opens', async ({ page }) => {
    // Next marks its route prefetches (RSC payloads) with the `_rsc` query parameter.
    const prefetched: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.searchParams.has('_rsc')) prefetched.push(url.pathname);
    });
    await page.goto('/services?namespaces=default&duration=5m&refresh=off');
    await expect(page.getByRole('table')).toBeVisible();
    await page.waitForTimeout(1500); // viewport prefetching would have started by now
    expect(prefetched).toEqual([]);
    const workloads = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workloads', exact: true });
    await workloads.hover();
    await expect.poll(() => prefetched).toContain('/workloads');
    expect(new Set(prefetched)).toEqual(new Set(['/workloads']));
    await workloads.click();
    await expect(page).toHaveURL(/\/workloads\?.*namespaces=default/);
    await expect(page.getByRole('heading', { name: 'Workloads' })).toBeVisible();
  });

  test('switches between light and dark themes and remembers the choice', async ({ page }) => {
    await page.goto('/');
    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
    const after = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(after).not.toBe(before);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(after);
  });
});
