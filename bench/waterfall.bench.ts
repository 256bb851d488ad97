/**
 * Waterfall benchmarks (issue 5), in Chromium against the built app's /traces/[id] page, with
 * synthetic Istio-shaped traces (bench/waterfall/synthetic.ts) served by a fake Jaeger (v1 JSON).
 *  - waterfall_first_paint_ms_10000 / _50000: navigation start → the frame after the first span
 *    rows are in the DOM, median of 3 loads. The browser is warm, as for a user who comes to a trace
 *    from the search page: one browser context, whose HTTP and code caches two loads of a tiny trace
 *    have filled (the page's scripts are the same for every trace). Each load opens a trace of its
 *    own (the same spans under another id), so the browser fetches /api/traces/{id} every time; the
 *    server has read that trace from Jaeger just before (its trace cache is warm, as when someone
 *    else has just opened it), so the load measures the page: answer (encode + compress + transfer),
 *    decode, tree, layout, first rows — what freezes other UIs. Targets 1000 / 3000 ms.
 *    Printed beside it, for reading the number: the same trace in a fresh browser context (nothing
 *    cached) and a trace the server has not read yet (Jaeger fetch + parse on the critical path).
 *  - span_open_ms_50000: click on a span row → the frame after its detail (tags) is shown, median
 *    of 7 rows spread over the 50,000-span trace. Target 100 ms.
 * Prints JS heap used, span rows in the DOM (windowing), and the time of a long scroll.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { startApp, type AppProcess } from '../scripts/stack/app';
import { freePort } from '../scripts/stack/processes';
import type { Benchmark } from './types';
import { syntheticIstioTrace, syntheticTraceId } from './waterfall/synthetic';

const SIZES = [10_000, 50_000] as const;
const root = path.resolve(import.meta.dirname, '..');

interface Rig {
  browser: Browser;
  /** The warm context: every measured page opens here. */
  context: BrowserContext;
  app: AppProcess;
  jaeger: Server;
}

/** Trace ids: the measured loads and the reference loads each open the spans under an id of their own. */
const LOADS = ['warm 1', 'warm 2', 'warm 3', 'fresh browser', 'server not warm'] as const;
type Load = (typeof LOADS)[number];
const traceIdOf = (size: number, load: Load) => `${LOADS.indexOf(load) + 1}${syntheticTraceId(size).slice(1)}`;

function startFakeJaeger(port: number, bodies: Map<string, string>): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/v3/services') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ services: ['productpage.default'] }));
      return;
    }
    const m = /^\/api\/traces\/([0-9a-f]+)$/.exec(url.pathname);
    const body = m ? bodies.get(m[1]!) : undefined;
    if (body) res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end(JSON.stringify({ data: null, errors: [{ code: 404, msg: 'trace not found' }] }));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

let rig: Promise<Rig> | undefined;

async function setUp(): Promise<Rig> {
  execFileSync('bash', [path.join(root, 'scripts/build-if-stale.sh')], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  const jaegerBodies = new Map<string, string>();
  jaegerBodies.set(syntheticTraceId(8), JSON.stringify(syntheticIstioTrace(8)));
  for (const n of SIZES) {
    const doc = JSON.stringify(syntheticIstioTrace(n));
    for (const load of LOADS) jaegerBodies.set(traceIdOf(n, load), doc.replaceAll(syntheticTraceId(n), traceIdOf(n, load)));
  }
  const jaegerPort = await freePort();
  const jaeger = await startFakeJaeger(jaegerPort, jaegerBodies);
  const logDir = path.join(root, '.data', 'bench-waterfall');
  mkdirSync(logDir, { recursive: true });
  const app = await startApp({
    port: await freePort(),
    logDir,
    env: { JAEGER_URL: `http://127.0.0.1:${jaegerPort}`, PROMETHEUS_URL: 'http://127.0.0.1:9', AUTH_MODE: 'anonymous' },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // Warm the server route and the browser's caches (scripts, compiled code) with a tiny trace, twice.
  for (let k = 0; k < 2; k += 1) {
    const page = await context.newPage();
    await page.goto(`${app.url}/traces/${syntheticTraceId(8)}`);
    await page.waitForSelector('.span-row', { timeout: 60_000 });
    await page.close();
  }
  // scripts/bench.ts exits the process when done: end the app's process group synchronously then
  // (Playwright closes its own browser on exit).
  process.on('exit', () => {
    const pid = app.process.child.pid;
    if (pid !== undefined && app.process.child.exitCode === null) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    jaeger.close();
  });
  return { browser, context, app, jaeger };
}

const getRig = () => (rig ??= setUp());

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

const pages = new Map<number, Page>();

/** In-page stopwatch: the frame after the first span row enters the DOM (no protocol round trips). */
const FIRST_ROWS_STOPWATCH = `(() => {
  const mo = new MutationObserver(() => {
    if (!document.querySelector('.span-row')) return;
    mo.disconnect();
    requestAnimationFrame(() => { window.__firstRowsMs = performance.now(); });
  });
  mo.observe(document, { childList: true, subtree: true });
})();`;

/** Opens `url` in `page`: navigation start → the frame after the first span rows are in the DOM, ms. */
async function firstRowsAt(page: Page, url: string): Promise<number> {
  await page.addInitScript(FIRST_ROWS_STOPWATCH);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __firstRowsMs?: number }).__firstRowsMs !== undefined, undefined, { timeout: 180_000 });
  return page.evaluate(() => (window as unknown as { __firstRowsMs: number }).__firstRowsMs);
}

/** The server reads the trace from Jaeger (as for the first person to open it); the browser has not seen it. */
async function warmServer(traceId: string): Promise<void> {
  const { app } = await getRig();
  const res = await fetch(`${app.url}/api/traces/${traceId}`);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`/api/traces/${traceId} answered HTTP ${res.status}`);
}

async function openTrace(size: number, load: Load): Promise<{ page: Page; ms: number }> {
  const { browser, context, app } = await getRig();
  const traceId = traceIdOf(size, load);
  if (load !== 'server not warm') await warmServer(traceId);
  const page = load === 'fresh browser' ? await browser.newPage({ viewport: { width: 1440, height: 900 } }) : await context.newPage();
  // tsx compiles page.evaluate callbacks with esbuild's __name helper, which the page lacks
  await page.addInitScript('window.__name = (f) => f;');
  const profile = process.env.WATERFALL_PROFILE === '1' && load.startsWith('warm') ? await page.context().newCDPSession(page) : null;
  if (profile) {
    await profile.send('Profiler.enable');
    await profile.send('Profiler.start');
  }
  const ms = await firstRowsAt(page, `${app.url}/traces/${traceId}`);
  const scriptsDone = await page.evaluate(() => Math.max(0, ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.endsWith('.js')).map((r) => r.responseEnd)));
  if (profile) printProfile((await profile.send('Profiler.stop')).profile);
  const api = await page.evaluate(() => {
    const all = performance.getEntriesByType('resource').filter((r) => r.name.includes('/api/traces/')) as PerformanceResourceTiming[];
    const e = all[0];
    return e ? { sent: e.startTime, firstByte: e.responseStart, done: e.responseEnd, bytes: e.transferSize || e.encodedBodySize } : null;
  });
  const rows = await page.locator('.span-row').count();
  const heap = await heapMb(page);
  console.log(`\n  ${size.toLocaleString()} spans, ${load}: first rows at ${ms.toFixed(0)} ms; ${rows} span rows in the DOM; JS heap ${heap.toFixed(1)} MB`);
  if (api) {
    console.log(`    /api/traces/{id} sent at ${api.sent.toFixed(0)} ms (preloaded), first byte +${(api.firstByte - api.sent).toFixed(0)} ms (server: encode + compress${load === 'server not warm' ? ', after the Jaeger fetch and parse' : ''}), body +${(api.done - api.firstByte).toFixed(0)} ms (${(api.bytes / 1e6).toFixed(1)} MB on the wire); browser decode + layout + first rows ${(ms - api.done).toFixed(0)} ms; page scripts loaded at ${scriptsDone.toFixed(0)} ms`);
  }
  return { page, ms };
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; hitCount?: number }>;
  samples?: number[];
  timeDeltas?: number[];
}

/** WATERFALL_PROFILE=1: the page's top functions by self time during load. */
function printProfile(p: CpuProfile): void {
  const self = new Map<number, number>();
  (p.samples ?? []).forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas?.[k] ?? 0) / 1000));
  const byName = new Map<string, number>();
  for (const n of p.nodes) {
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
    byName.set(key, (byName.get(key) ?? 0) + (self.get(n.id) ?? 0));
  }
  const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.log(top.map(([k, ms]) => `    ${ms.toFixed(0).padStart(6)} ms  ${k}`).join('\n'));
}

/** Median of three warm loads (the last page is kept for span_open), then the two reference loads. */
let baselinePrinted = false;

async function firstPaint(size: number): Promise<number> {
  if (!baselinePrinted) {
    // what any trace costs (page, scripts, hydration), to read the numbers below against
    baselinePrinted = true;
    const { context, app } = await getRig();
    const page = await context.newPage();
    console.log(`\n  8 spans (the page's own cost), warm browser: first rows at ${(await firstRowsAt(page, `${app.url}/traces/${syntheticTraceId(8)}`)).toFixed(0)} ms`);
    await page.close();
  }
  const times: number[] = [];
  for (const load of ['warm 1', 'warm 2', 'warm 3'] as const) {
    const opened = await openTrace(size, load);
    times.push(opened.ms);
    if (load !== 'warm 3') await opened.page.close();
    else pages.set(size, opened.page);
  }
  for (const load of ['fresh browser', 'server not warm'] as const) {
    const { page } = await openTrace(size, load);
    await (load === 'fresh browser' ? page.context().close() : page.close());
  }
  times.sort((a, b) => a - b);
  console.log(`  ${size.toLocaleString()} spans: first rows ${times.map((t) => t.toFixed(0)).join(', ')} ms (median of 3 warm loads)`);
  return times[1]!;
}

async function spanOpen(size: number): Promise<number> {
  let page = pages.get(size);
  if (!page) {
    await firstPaint(size);
    page = pages.get(size)!;
  }
  const scrollMs = await page.evaluate(async () => {
    const el = document.querySelector('.waterfall__scroller')!;
    const t0 = performance.now();
    for (let k = 1; k <= 20; k += 1) {
      el.scrollTop = (el.scrollHeight * k) / 20;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    return (performance.now() - t0) / 20;
  });
  const times: number[] = [];
  for (let k = 0; k < 7; k += 1) {
    const ms = await page.evaluate(async (frac) => {
      const scroller = document.querySelector('.waterfall__scroller')!;
      scroller.scrollTop = scroller.scrollHeight * frac;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const rows = [...document.querySelectorAll<HTMLElement>('.span-row')];
      const row = rows[Math.floor(rows.length / 2)]!;
      const spanId = row.dataset.spanId!;
      const button = row.querySelector<HTMLButtonElement>('.span-row__name')!;
      const t0 = performance.now();
      button.click();
      await new Promise<void>((resolve) => {
        const shown = () => document.querySelector('.span-detail')?.textContent?.includes(spanId) ?? false;
        if (shown()) return resolve();
        const mo = new MutationObserver(() => {
          if (shown()) {
            mo.disconnect();
            resolve();
          }
        });
        mo.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      await new Promise((r) => requestAnimationFrame(r));
      const ms = performance.now() - t0;
      document.querySelector<HTMLButtonElement>('[aria-label="Close span detail"]')?.click();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return ms;
    }, (k + 0.5) / 7);
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const rows = await page.locator('.span-row').count();
  console.log(`\n  ${size.toLocaleString()} spans: span detail opened in ${times.map((t) => t.toFixed(0)).join(', ')} ms; scroll step ${scrollMs.toFixed(1)} ms/frame-pair; ${rows} rows in the DOM; JS heap ${(await heapMb(page)).toFixed(1)} MB`);
  return times[Math.floor(times.length / 2)]!;
}

export const benchmarks: Benchmark[] = [
  { name: 'waterfall_first_paint_ms_10000', unit: 'ms', target: 1000, better: 'lower', run: () => firstPaint(10_000) },
  { name: 'waterfall_first_paint_ms_50000', unit: 'ms', target: 3000, better: 'lower', run: () => firstPaint(50_000) },
  { name: 'span_open_ms_50000', unit: 'ms', target: 100, better: 'lower', run: () => spanOpen(50_000) },
];
