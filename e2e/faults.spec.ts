/**
 * Prometheus killed mid-session, in the browser: the graph page says so in a banner naming
 * Prometheus, keeps the last graph on screen marked stale, and recovers by itself within two refreshes
 * once Prometheus is back — no reload, no click.
 *
 * The stack's Prometheus is found by its listen address on this slot's port, killed with SIGKILL and
 * started again with the very same command line (same config, same data directory). The new process
 * is tied to the stack process's lifetime, so it ends when the stack does.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { expect, saveScreenshot, test, waitForPromQL } from './fixtures';
import { E2E_PROMETHEUS_PORT, E2E_PROMETHEUS_URL } from './stack-ports';

interface ProcInfo {
  pid: number;
  ppid: number;
  argv: string[];
}

function findPrometheus(): ProcInfo {
  const listen = `--web.listen-address=127.0.0.1:${E2E_PROMETHEUS_PORT}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
      if (!argv.includes(listen) || !/prometheus$/.test(argv[0] ?? '')) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return { pid: Number(entry), ppid, argv };
    } catch {
      /* gone while we looked */
    }
  }
  throw new Error(`no Prometheus listening on 127.0.0.1:${E2E_PROMETHEUS_PORT}`);
}

/** Starts Prometheus again with the old command line; it is stopped when `ownerPid` (the stack) exits. */
function restartPrometheus(old: ProcInfo): void {
  const quoted = old.argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `${quoted} >/dev/null 2>&1 & p=$!; trap 'kill $p; exit 0' TERM INT; `
    + `while kill -0 ${old.ppid} 2>/dev/null && kill -0 $p 2>/dev/null; do sleep 1; done; kill $p 2>/dev/null; exit 0`;
  const child = spawn('bash', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
}

async function prometheusReady(): Promise<boolean> {
  const res = await fetch(`${E2E_PROMETHEUS_URL}/-/ready`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
  return res?.status === 200;
}

test.describe('faults', () => {
  test.use({ allowConsoleErrors: true }); // the failed /api/graph polls are logged by the browser

  test('Prometheus killed and restarted: banner, last graph kept and marked stale, recovery within two refreshes', async ({ page }) => {
    test.setTimeout(120_000);
    const REFRESH_MS = 5000;
    await waitForPromQL('count(istio_requests_total{reporter="source",destination_service_namespace="default"})', (r) => (r[0]?.value ?? 0) > 0);

    await page.goto('/graph?namespaces=default&duration=1m&refresh=5s&table=true');
    const title = page.getByText(/\d+ nodes · \d+ edges · default · last 1m · updated/);
    await expect(title).toBeVisible({ timeout: 30_000 });
    const edgeTable = page.getByRole('table', { name: 'Graph edges' });
    await expect(edgeTable.getByRole('row').nth(1)).toBeVisible();
    const before = (await title.textContent()) ?? '';
    const counts = /(\d+) nodes · (\d+) edges/.exec(before);
    expect(Number(counts?.[2])).toBeGreaterThan(0);
    const rowsBefore = await edgeTable.getByRole('row').count();

    const prometheus = findPrometheus();
    let restarted = false;
    process.kill(prometheus.pid, 'SIGKILL');
    try {
      await expect.poll(prometheusReady, { timeout: 10_000 }).toBe(false);

      // A refresh or two later: a banner that names Prometheus, and the old graph still there, stale.
      const banner = page.getByRole('status').filter({ hasText: 'Could not refresh the graph' });
      await expect(banner).toBeVisible({ timeout: 3 * REFRESH_MS + 5000 });
      await expect(banner).toContainText(/showing data from .* \(stale\)/);
      await expect(banner).toContainText(`Prometheus at ${E2E_PROMETHEUS_URL} is unreachable`);
      // The very graph of before the kill: same counts, same "updated" time, same table rows.
      await expect(page.getByText(before, { exact: true })).toBeVisible();
      expect(await edgeTable.getByRole('row').count()).toBe(rowsBefore);
      await saveScreenshot(page, 'faults-prometheus-down');

      restartPrometheus(prometheus);
      restarted = true;
      await expect.poll(prometheusReady, { timeout: 60_000, intervals: [250] }).toBe(true);
      const back = Date.now();
      // Recovered by itself: the banner goes away within two refreshes of Prometheus being ready.
      await expect(banner).toBeHidden({ timeout: 2 * REFRESH_MS + 2000 });
      const recoveredAfterMs = Date.now() - back;
      expect(recoveredAfterMs).toBeLessThanOrEqual(2 * REFRESH_MS + 2000);
      await expect(title).toBeVisible();
      await expect(edgeTable.getByRole('row').nth(1)).toBeVisible();
      await saveScreenshot(page, 'faults-prometheus-recovered');
    } finally {
      // Whatever failed above, the specs after this one need their Prometheus back.
      if (!restarted) {
        restartPrometheus(prometheus);
        await expect.poll(prometheusReady, { timeout: 60_000, intervals: [250] }).toBe(true);
      }
    }
  });
});
