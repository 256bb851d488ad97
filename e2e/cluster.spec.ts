/**
 * Cluster features in the browser: the Connections page against the e2e stack, and token sign-in
 * on a second dashboard started with AUTH_MODE=token whose Kubernetes API (TokenReview, lists and
 * watches) is a local fake speaking the real wire format (lib/kube/fake-api-server.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeApiServer, type FakeApiServer } from '../lib/kube/fake-api-server';
import { KUBE_RESOURCES, collectionPath } from '../lib/kube/resources';
import { startApp, type AppProcess } from '../scripts/stack/app';
import { expect, saveScreenshot, test } from './fixtures';
import { E2E_APP_PORT, E2E_CONFIG_DIR, E2E_OUTPUT_DIR, E2E_PROMETHEUS_URL, E2E_SIM_URL } from './stack-ports';

test.describe('connections page', () => {
  test('shows each backend with the URL used, that it answers, and its latency', async ({ page }) => {
    const services = ((await (await fetch(`${E2E_SIM_URL}/api/v3/services`)).json()) as { services: string[] }).services.length;
    await page.goto('/status');
    await expect(page.getByRole('heading', { name: 'Connections', level: 1 })).toBeVisible();
    const prom = page.getByRole('region', { name: 'Prometheus' });
    await expect(prom.getByText('Connected')).toBeVisible();
    await expect(prom.getByText(`Answers at ${E2E_PROMETHEUS_URL}`)).toBeVisible();
    await expect(prom.getByRole('cell', { name: E2E_PROMETHEUS_URL })).toBeVisible();
    await expect(prom.getByRole('cell', { name: /^\d+ ms$/ })).toBeVisible();
    const tracing = page.getByRole('region', { name: 'Jaeger / Tempo' });
    await expect(tracing.getByText('Connected')).toBeVisible();
    await expect(tracing.getByText(new RegExp(`— ${services} services$`))).toBeVisible();
    const config = page.getByRole('region', { name: 'Config directory' });
    await expect(config.getByText(`Reads ${E2E_CONFIG_DIR}`)).toBeVisible();
    await saveScreenshot(page, 'cluster-connections');
  });
});

const TOKEN_APP_PORT = E2E_APP_PORT + 5;
const TOKEN_APP = `http://127.0.0.1:${TOKEN_APP_PORT}`;
const GOOD = 'eyJhbGciOiJSUzI1NiJ9.viewer-token.sig';
const PODS = ['productpage-v1-7d6cfb7dfd-x2x9k', 'reviews-v1-5b8d4c6f9-qwz7d', 'ratings-v1-6c9d7b5f4-jk2lm'];

test.describe('token sign-in', () => {
  let api: FakeApiServer;
  let app: AppProcess;

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    api = await startFakeApiServer();
    api.users.set(GOOD, 'system:serviceaccount:default:viewer');
    for (const r of KUBE_RESOURCES) if (!r.optional) api.addCollection(collectionPath(r, 'v1'), r.group ? `${r.group}/v1` : 'v1', r.kind);
    for (const name of PODS) api.upsert('/api/v1/pods', { metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'app' }] } });
    const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'meshscope-e2e-kube-')), 'config');
    api.writeKubeconfig(kubeconfig);
    app = await startApp({
      port: TOKEN_APP_PORT,
      logDir: path.join(E2E_OUTPUT_DIR, 'stack-logs'),
      env: {
        AUTH_MODE: 'token', SESSION_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e', CONFIG_SOURCE: 'kubernetes', KUBECONFIG: kubeconfig,
        PROMETHEUS_URL: E2E_PROMETHEUS_URL, JAEGER_URL: E2E_SIM_URL, CONFIG_DIR: '',
      },
    });
  });
  test.afterAll(async () => {
    await app?.stop();
    await api?.close();
  });

  test('without a session API routes answer 401 and pages go to the sign-in page; probes stay open', async ({ page, request }) => {
    for (const p of ['/api/status', '/api/namespaces', '/api/graph?namespaces=default']) {
      const res = await request.get(`${TOKEN_APP}${p}`);
      expect(res.status(), p).toBe(401);
      expect((await res.json()).code).toBe('unauthorized');
    }
    expect((await request.get(`${TOKEN_APP}/api/health/live`)).status()).toBe(200);
    await page.goto(`${TOKEN_APP}/status`);
    await expect(page).toHaveURL(`${TOKEN_APP}/login?next=%2Fstatus`);
    await expect(page.getByRole('heading', { name: 'Sign in to Meshscope' })).toBeVisible();
    await expect(page.getByLabel('Service-account token')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  });

  test.describe('a refused token', () => {
    test.use({ allowConsoleErrors: true }); // the browser logs the 401 of the refused sign-in itself
    test('is refused with the API server’s reason and no cookie is set', async ({ page, context }) => {
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(`${TOKEN_APP}/login?next=%2Fstatus`);
      await page.getByLabel('Service-account token').fill('not-a-valid-token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await expect(alert.getByText('Sign-in refused')).toBeVisible();
      await expect(alert.getByText('The Kubernetes API refused this token: [invalid bearer token, token lookup failed]')).toBeVisible();
      await expect(page).toHaveURL(/\/login/);
      await saveScreenshot(page, 'cluster-login-refused');
      expect(await context.cookies(TOKEN_APP)).toEqual([]);
      expect(errors.every((e) => e.includes('401'))).toBe(true);
      expect(api.requests.filter((r) => r.startsWith('POST /apis/authentication.k8s.io/v1/tokenreviews')).length).toBeGreaterThan(0);
    });
  });

  test('a valid token signs in with a strict HttpOnly cookie, reads the Kubernetes API, and signs out', async ({ page, context }) => {
    await page.goto(`${TOKEN_APP}/status`);
    await page.getByLabel('Service-account token').fill(GOOD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${TOKEN_APP}/status`);
    const [cookie] = await context.cookies(TOKEN_APP);
    expect(cookie).toMatchObject({ name: 'meshscope_session', httpOnly: true, sameSite: 'Strict', secure: false });
    expect(cookie!.value).not.toContain(GOOD);
    await expect(page.getByText('default:viewer')).toBeVisible();
    const kube = page.getByRole('region', { name: 'Kubernetes API' });
    await expect(kube.getByText('Connected')).toBeVisible();
    await expect(kube.getByText(`Answers at ${api.url}; ${PODS.length} objects cached, kept current by watches`)).toBeVisible();
    await expect(kube.getByRole('row', { name: `pods ${PODS.length} objects, watching` })).toBeVisible();
    await expect(kube.getByRole('row', { name: 'virtualservices.networking.istio.io not installed (CRD absent)' })).toBeVisible();
    expect((await page.request.get(`${TOKEN_APP}/api/status`)).status()).toBe(200);
    // /api/graph checks the session itself (the proxy skips it): signed in, it answers.
    expect((await page.request.get(`${TOKEN_APP}/api/graph?namespaces=default`)).status()).toBe(200);
    await saveScreenshot(page, 'cluster-token-signed-in');

    // The watches drop; RBAC now forbids endpoints; a pod is created meanwhile. The page says which
    // resource is forbidden, keeps the cached objects, and the resumed pods watch loses nothing.
    api.fail('/api/v1/endpoints', 403);
    api.closeWatches();
    api.upsert('/api/v1/pods', { metadata: { name: 'details-v1-79f774bdb9-zz8kq', namespace: 'default' }, spec: { containers: [{ name: 'app' }] } });
    await expect.poll(async () => {
      await page.reload();
      return kube.getByRole('row', { name: /^endpoints Kubernetes API forbids watch on endpoints \(403 Forbidden/ }).count();
    }, { timeout: 30_000 }).toBe(1);
    await expect(kube.getByRole('row', { name: `pods ${PODS.length + 1} objects, watching` })).toBeVisible();
    await expect(kube.getByText('Partly failing')).toBeVisible();
    await expect(kube.getByText(/^Serving the last objects read; a watch is failing: Kubernetes API forbids watch on endpoints/)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Prometheus' }).getByText('Connected')).toBeVisible();
    await saveScreenshot(page, 'cluster-token-watch-forbidden');
    api.fail('/api/v1/endpoints', undefined);
    await expect.poll(async () => {
      await page.reload();
      return kube.getByRole('row', { name: 'endpoints 0 objects, watching' }).count();
    }, { timeout: 60_000 }).toBe(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.request.get(`${TOKEN_APP}/api/status`)).status()).toBe(401);
    expect((await page.request.get(`${TOKEN_APP}/api/graph?namespaces=default`)).status()).toBe(401);
  });
});
