/**
 * Graph benchmarks on a synthetic mesh of 1,000 workloads and 5,000 edges (bench/graph/synthetic.ts):
 *   graph_build_ms_1000        buildGraph from canned Prometheus responses (~110k rows) read back through
 *                              the client's parser (as /api/graph gets them), median of 15 after 10
 *                              warm-up builds, in a Node process of its own (bench/graph/build-run.ts)
 *   graph_first_render_ms_1000 /graph in Chromium, navigation start → the first frame cytoscape draws
 *                              with the 1,000 nodes and 5,000 edges laid out, painted, and the first
 *                              frame of the overview that draws the edges far out (since 2026-12-06;
 *                              components/graph/edge-overview.ts), whichever is later (the page's test
 *                              hook notes when each drawn frame is painted; until 2026-12-01 this was
 *                              two requestAnimationFrames after the page had the nodes, which counted
 *                              the frame after when Playwright's answer came late: cytoscape spends it
 *                              refining textures and redrawing, 250–400 ms, with the graph on screen)
 *   graph_refresh_ms_1000      "Refresh now" with new numbers → labels updated and painted, no re-layout;
 *                              median of 9 refreshes, the first right after the first paint, the others
 *                              a second apart (one refresh alone varied by ±40 % here)
 * The browser ones run the built app (next start) behind a local proxy that answers /api/graph with
 * the canned graph (in the compact form the page asks for), so they measure the page, not Prometheus.
 * Everything started here is stopped here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright';
import { buildGraph } from '../lib/graph/build';
import type { GraphResponse } from '../lib/graph/types';
import { encodeCompactGraph } from '../lib/graph/compact';
import { toWireJson } from '../lib/graph/wire';
import { startApp } from '../scripts/stack/app';
import { freePort } from '../scripts/stack/processes';
import type { BuildRunResult } from './graph/build-run';
import { scaleVectors, syntheticMesh } from './graph/synthetic';
import type { Benchmark } from './types';

const mesh = syntheticMesh();
const options = { graphType: 'workload' as const, namespaces: mesh.namespaces, injectServiceNodes: false, idleEdges: false };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function response(factor: number): GraphResponse {
  const g = buildGraph(factor === 1 ? mesh.vectors : scaleVectors(mesh.vectors, factor), options);
  return { ...g, timestamp: 1_790_000_000, duration: 60, graphType: 'workload', namespaces: mesh.namespaces, warnings: [], queryCount: 5 };
}

interface BrowserResult { firstRenderMs: number; refreshMs: number; syncMs: number }
interface RefreshSample { totalMs: number; fetchedMs: number; syncStartMs: number; syncMs: number }

/** Traffic factors of the refreshes, one body each: the median of these refreshes is reported. */
const REFRESH_FACTORS = [1.5, 1.2, 1.7, 1.1, 1.6, 1.3, 1.8, 1.4, 1.9];

/**
 * Page script: resolves with performance.now() once the next frame has been rendered (a task posted
 * from that frame's requestAnimationFrame runs after the frame is painted).
 */
const AFTER_NEXT_PAINT = `new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.now());
  channel.port2.postMessage(0);
}))`;

/** Clicks "Refresh now" and waits until the sentinel edge shows a new label, painted. */
async function timeRefresh(page: Page, sentinelId: string): Promise<RefreshSample> {
  const old = await page.evaluate((id) => window.__meshscopeGraph?.edgeLabel(id), sentinelId);
  // A string, not a function: tsx would wrap inner named functions in a helper the page lacks.
  return (await page.evaluate(`(async () => {
    const id = ${JSON.stringify(sentinelId)};
    const old = ${JSON.stringify(old)};
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Refresh now');
    const t0 = performance.now();
    button.click();
    // Poll until the sentinel edge shows its new label, then wait for a paint.
    while (true) {
      const label = window.__meshscopeGraph?.edgeLabel(id);
      if (label !== undefined && label !== old) break;
      if (performance.now() - t0 > 60000) throw new Error('refresh did not arrive');
      await new Promise((r) => setTimeout(r, 5));
    }
    const paintedAt = await ${AFTER_NEXT_PAINT};
    const last = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
    return {
      totalMs: paintedAt - t0,
      fetchedMs: last('meshscope:graph-fetched') - t0,
      syncStartMs: last('meshscope:graph-sync-start') - t0,
      syncMs: window.__meshscopeGraphSyncMs ?? NaN,
    };
  })()`)) as RefreshSample;
}

let browserRun: Promise<BrowserResult> | undefined;

async function runBrowser(): Promise<BrowserResult> {
  let stopProxy = async () => undefined as void;
  // As /api/graph sends the page its answer (format=compact, lib/graph/compact.ts).
  const answer = (factor: number) => toWireJson(encodeCompactGraph(response(factor)));
  const firstGraph = response(1);
  const first = answer(1);
  // New numbers for every refresh; consecutive bodies differ, so every refresh changes the labels.
  const seconds = REFRESH_FACTORS.map((f) => gzipSync(answer(f)));
  const logDir = mkdtempSync(path.join(tmpdir(), 'meshscope-graph-bench-'));
  // Prometheus is never asked (the graph is canned); the port is closed on purpose.
  const app = await startApp({ port: await freePort(), logDir, env: { PROMETHEUS_URL: `http://127.0.0.1:${await freePort()}` } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // The page talks to a proxy in front of the app that answers /api/graph with the canned graph,
    // gzip-compressed as `next start` sends it, and forwards everything else. (page.route would put
    // every request of the page, the document and its scripts included, through the DevTools
    // protocol, and its fulfill would push the 2.6 MB body through it: costs no browser pays
    // against the real dashboard.)
    let body = gzipSync(first);
    const target = new URL(app.url);
    const proxy = createServer((req, res) => {
      if (req.url?.startsWith('/api/graph?')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'cache-control': 'no-store' });
        res.end(body);
        return;
      }
      const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    stopProxy = () => new Promise<void>((r) => {
      proxy.closeAllConnections();
      proxy.close(() => r());
    });
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const url = `${proxyUrl}/graph?namespaces=${mesh.namespaces.join(',')}&graphType=workload&serviceNodes=0&refresh=off&duration=1m${process.env.BENCH_GRAPH_EXTRA ?? ''}`;
    // One warm-up load (compiles nothing server-side, but fills caches), then the measured one.
    await page.goto(url);
    await page.waitForFunction((n) => (window.__meshscopeGraph?.counts().nodes ?? 0) === n, mesh.workloads, { timeout: 120_000 });
    await page.evaluate(() => localStorage.clear());
    await page.goto(url);
    await page.waitForFunction((n) => (window.__meshscopeGraph?.counts().nodes ?? 0) === n, mesh.workloads, { timeout: 120_000 });
    const detail = (await page.evaluate(`(() => {
      const api = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/graph?'));
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      return {
        apiEnd: api?.responseEnd ?? NaN,
        fetched: mark('meshscope:graph-fetched'),
        syncStart: mark('meshscope:graph-sync-start'),
        syncMs: window.__meshscopeGraphSyncMs ?? NaN,
      };
    })()`)) as { apiEnd: number; fetched: number; syncStart: number; syncMs: number };
    // The first frame cytoscape drew after the element sync, once painted — and, the edges being drawn
    // by the overview far out (components/graph/edge-overview.ts), the first frame it drew them in.
    const syncEnd = detail.syncStart + detail.syncMs;
    const after = (list: 'paintedFrames' | 'paintedOverviewFrames') => page.evaluate(([t, l]) => (window.__meshscopeGraph?.[l]() ?? []).filter((p) => p > t), [syncEnd, list] as const);
    await page.waitForFunction((t) => (window.__meshscopeGraph?.paintedFrames() ?? []).some((p) => p > t), syncEnd, { timeout: 60_000 });
    const overviewEdges = await page.evaluate(() => window.__meshscopeGraph?.counts().overviewEdges ?? 0);
    if (overviewEdges > 0) await page.waitForFunction((t) => (window.__meshscopeGraph?.paintedOverviewFrames() ?? []).some((p) => p > t), syncEnd, { timeout: 60_000 });
    const frames = await after('paintedFrames');
    const overviewFrames = overviewEdges > 0 ? await after('paintedOverviewFrames') : [];
    const firstRenderMs = Math.max(frames[0] as number, overviewFrames[0] ?? 0);
    console.log(`\n  graph data arrived at ${detail.apiEnd.toFixed(0)} ms, parsed by the page at ${detail.fetched.toFixed(0)} ms; element sync + layout from ${detail.syncStart.toFixed(0)} ms for ${detail.syncMs.toFixed(0)} ms; first frame painted at ${(frames[0] as number).toFixed(0)} ms, with the overview's ${overviewEdges} edges at ${overviewFrames[0]?.toFixed(0) ?? '-'} ms; frames painted after it so far (cytoscape refining textures): ${frames.slice(1, 4).map((f) => f.toFixed(0)).join(', ') || 'none'}`);
    const edgesShown = await page.evaluate(() => window.__meshscopeGraph?.counts().edges ?? 0);
    if (edgesShown !== mesh.edges) throw new Error(`expected ${mesh.edges} edges on the canvas, found ${edgesShown}`);
    const shortcuts = await page.evaluate(() => window.__meshscopeGraph?.viewportShortcuts());
    if (!shortcuts?.hideEdgesOnViewport) throw new Error(`a 5,000-edge graph should hide its edges while the view moves (${JSON.stringify(shortcuts)})`);

    const sentinel = firstGraph.edges[0] as { id: string };
    const positionsBefore = await page.evaluate(() => window.__meshscopeGraph?.nodes().slice(0, 50).map((n) => n.position));
    const refreshes: RefreshSample[] = [];
    for (const [i, next] of seconds.entries()) {
      // Between refreshes the page is left idle for a second, as between polls (the shortest refresh
      // interval is 5 s); the first one comes right after the first paint, with its leftovers.
      if (i > 0) await page.waitForTimeout(1000);
      body = next;
      refreshes.push(await timeRefresh(page, sentinel.id));
    }
    console.log(`\n  ${refreshes.length} refreshes (ms, click → new labels painted): ${refreshes.map((r) => r.totalMs.toFixed(0)).join(', ')}`);
    console.log(`  data in at ${refreshes.map((r) => r.fetchedMs.toFixed(0)).join(', ')} ms; element sync starts at ${refreshes.map((r) => r.syncStartMs.toFixed(0)).join(', ')} ms and takes ${refreshes.map((r) => r.syncMs.toFixed(0)).join(', ')} ms`);
    const positionsAfter = await page.evaluate(() => window.__meshscopeGraph?.nodes().slice(0, 50).map((n) => n.position));
    if (JSON.stringify(positionsAfter) !== JSON.stringify(positionsBefore)) throw new Error('nodes moved on refresh');
    const refreshMs = median(refreshes.map((r) => r.totalMs));
    const syncMs = median(refreshes.map((r) => r.syncMs));
    return { firstRenderMs, refreshMs, syncMs };
  } finally {
    await browser.close();
    await stopProxy();
    await app.stop();
    rmSync(logDir, { recursive: true, force: true });
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'graph_build_ms_1000',
    unit: 'ms',
    target: 50,
    better: 'lower',
    async run() {
      // In a fresh Node process of its own: no garbage of the other benchmarks in its heap.
      const script = path.join(import.meta.dirname, 'graph', 'build-run.ts');
      const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], { cwd: path.join(import.meta.dirname, '..'), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      const r = JSON.parse(out.trim().split('\n').at(-1) as string) as BuildRunResult;
      console.log(`\n  ${r.rows} rows (${(r.jsonBytes / 1e6).toFixed(1)} MB of Prometheus JSON, parsed in ${r.parseMs.toFixed(0)} ms, not counted) → ${r.nodes} nodes, ${r.edges} edges; runs ${r.times.map((t) => t.toFixed(0)).join(', ')} ms`);
      return median(r.times);
    },
  },
  {
    name: 'graph_first_render_ms_1000',
    unit: 'ms',
    target: 1500,
    better: 'lower',
    async run() {
      browserRun ??= runBrowser();
      return (await browserRun).firstRenderMs;
    },
  },
  {
    name: 'graph_refresh_ms_1000',
    unit: 'ms',
    target: 100,
    better: 'lower',
    async run() {
      browserRun ??= runBrowser();
      const r = await browserRun;
      console.log(`\n  element sync inside the page: ${r.syncMs.toFixed(1)} ms (the rest is the fetch, JSON, view pipeline and paint)`);
      return r.refreshMs;
    },
  },
];
