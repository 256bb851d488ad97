import type { Page } from '@playwright/test';
import { expect, saveScreenshot, test } from './fixtures';

/**
 * The Istio Config page against the demo's config directory (a copy of sim/bookinfo): the objects it
 * lists are counted by hand from sim/bookinfo/30-gateway.yaml and 40-destination-rules.yaml; the
 * missing-subset scenario (sim/scenarios/missing-subset.yaml) must show up as an error on the
 * VirtualService, on its line.
 */
const DEMO_OBJECTS = [
  ['DestinationRule', 'details'],
  ['DestinationRule', 'productpage'],
  ['DestinationRule', 'ratings'],
  ['DestinationRule', 'reviews'],
  ['Gateway', 'bookinfo-gateway'],
  ['VirtualService', 'bookinfo'],
] as const;

const objectRows = (page: Page) => page.getByRole('table', { name: 'Istio objects' }).locator('tbody tr');
const row = (page: Page, kind: string, name: string) => objectRows(page).filter({ has: page.getByRole('cell', { name: kind, exact: true }) }).filter({ has: page.getByRole('link', { name, exact: true }) });

test.describe('Istio Config', () => {
  test.setTimeout(120_000);

  test('lists the demo objects, all valid, and filters by kind, namespace and state', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Istio Config' }).click();
    await expect(page).toHaveURL(/\/config/);
    await expect(page.getByRole('heading', { level: 1, name: 'Istio Config' })).toBeVisible();
    await expect(objectRows(page)).toHaveCount(DEMO_OBJECTS.length);
    for (const [kind, name] of DEMO_OBJECTS) {
      const r = row(page, kind, name);
      await expect(r).toHaveCount(1);
      await expect(r.getByTitle('Valid')).toBeVisible();
      await expect(r.getByRole('cell').nth(2)).toHaveText('default');
    }
    await expect(page.getByTestId('summary-objects')).toHaveText('6 objects');
    await expect(page.getByTestId('summary-errors')).toContainText('0 with errors');

    await page.getByLabel('Filter by kind').selectOption('DestinationRule');
    await expect(objectRows(page)).toHaveCount(4);
    await page.getByLabel('Filter by state').selectOption('error');
    await expect(page.getByText('Nothing matches the filters')).toBeVisible();
    await page.getByLabel('Filter by state').selectOption('valid');
    await expect(objectRows(page)).toHaveCount(4);
    await page.getByLabel('Filter by kind').selectOption('');
    await page.getByLabel('Filter by namespace').selectOption('default');
    await expect(objectRows(page)).toHaveCount(6);
    await saveScreenshot(page, 'config-list-demo');

    await row(page, 'Gateway', 'bookinfo-gateway').getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gateway default/bookinfo-gateway');
    await expect(page.getByRole('region', { name: 'YAML' })).toContainText('istio: ingressgateway');
    await expect(page.getByText('No problems found')).toBeVisible();
  });

  test('missing-subset: the VirtualService is flagged, its offending line marked with the message beside it', async ({ page, scenarios }) => {
    await scenarios.apply('missing-subset');
    await page.goto('/config?refresh=5s');
    const reviews = row(page, 'VirtualService', 'reviews');
    await expect(reviews).toHaveCount(1, { timeout: 30_000 });
    await expect(reviews.getByTitle('Error')).toBeVisible();
    await expect(reviews.getByRole('cell').nth(4)).toHaveText('1'); // one error: the route to v4
    await expect(page.getByTestId('summary-errors')).toContainText('1 with errors');
    await page.getByLabel('Filter by state').selectOption('error');
    await expect(objectRows(page)).toHaveCount(1);
    await saveScreenshot(page, 'config-list-missing-subset');

    await reviews.getByRole('link', { name: 'reviews' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('VirtualService default/reviews');
    const marked = page.locator('.yaml-line[data-marked="error"]');
    await expect(marked).toHaveCount(1);
    // Line 10 of sim/scenarios/missing-subset.yaml: `- destination: {host: reviews, subset: v4}`
    await expect(marked).toHaveAttribute('data-line', '10');
    await expect(marked).toContainText('subset: v4');
    await expect(marked.getByRole('note')).toContainText('KIA1107');
    await expect(marked.getByRole('note')).toContainText('subset "v4" of "reviews"');
    await expect(page.getByRole('table', { name: 'Findings' }).locator('tbody tr')).toHaveCount(1);
    await saveScreenshot(page, 'config-detail-missing-subset');
  });

  test('pasted YAML is validated against the current config, nothing is written', async ({ page }) => {
    await page.goto('/config');
    await expect(objectRows(page)).toHaveCount(DEMO_OBJECTS.length);
    await page.getByLabel('YAML to validate').fill(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
spec:
  hosts: [ratings]
  http:
    - route:
        - destination: {host: ratings, subset: v1}
          weight: 80
        - destination: {host: ratings, subset: v2}
          weight: 20
`);
    await page.getByRole('button', { name: 'Validate' }).click();
    const result = page.getByRole('region', { name: 'Validation result' });
    await expect(result).toContainText('1 object read, checked against directory');
    const findings = page.getByRole('table', { name: 'Validation findings' }).locator('tbody tr');
    // ratings v1 exists in the demo's DestinationRule (40-destination-rules.yaml), v2 does not.
    await expect(findings).toHaveCount(1);
    await expect(findings.first()).toContainText('KIA1107');
    await expect(findings.first()).toContainText('pasted.yaml:11');
    await saveScreenshot(page, 'config-validate-box');
    // Nothing was applied: the list still holds the 6 demo objects only.
    await page.reload();
    await expect(objectRows(page)).toHaveCount(DEMO_OBJECTS.length);
  });
});
