/**
 * A big graph far out, in Chromium: its edges are drawn by the overview canvas under cytoscape's
 * (components/graph/edge-overview.ts), not as cytoscape elements. A person must still see every
 * edge in its health colour, click one and get its panel, zoom in and find the edges near the view
 * back as cytoscape elements, and export a PNG that has every edge. The graph is a canned /api/graph
 * answer (1,000 workloads, 3,000 edges), so what is drawn is known exactly.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { encodeCompactGraph } from '../lib/graph/compact';
import { tedge, tnode } from '../lib/graph/test-graph';
import type { GraphEdge, GraphResponse } from '../lib/graph/types';
import { toWireJson } from '../lib/graph/wire';
import { expect, hookEdges, hookNodes, saveScreenshot, test } from './fixtures';

const NODES = 1000;
const NAMESPACES = Array.from({ length: 10 }, (_, i) => `ns-${i}`);
const id = (i: number) => `wl:ns-${i % 10}:svc-${i}-v1`;

/** Every node healthy; every tenth edge failing (red): red on the page can only be an edge. */
function cannedGraph(): GraphResponse {
  const nodes = Array.from({ length: NODES }, (_, i) => tnode(id(i)));
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < NODES; i++) {
    for (const j of [(i + 1) % NODES, (i * 7 + 3) % NODES, (i * 13 + 5) % NODES]) {
      const key = `${i}>${j}`;
      if (i === j || seen.has(key)) continue;
      seen.add(key);
      const failing = edges.length % 10 === 0;
      edges.push(tedge(id(i), id(j), { rps: 1 + (edges.length % 17), health: failing ? 'failing' : 'healthy', errorRate: failing ? 0.5 : 0 }));
    }
  }
  return { nodes, edges, timestamp: 1_790_000_000, duration: 60, graphType: 'workload', namespaces: NAMESPACES, warnings: [], queryCount: 5 };
}

const counts = (page: Page) => page.evaluate(() => window.__meshscopeGraph?.counts());
const zoom = (page: Page) => page.evaluate(() => window.__meshscopeGraph?.zoom() ?? 0);

/** Pixels of an image (a data URI) that are the failing colour: red well above green and blue. */
function redPixels(page: Page, src: string): Promise<number> {
  return page.evaluate(async (uri) => {
    const img = new Image();
    img.src = uri;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d') as CanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if ((d[i + 3] as number) > 0 && (d[i] as number) > 2 * (d[i + 1] as number) && (d[i] as number) > 2 * (d[i + 2] as number)) n++;
    return n;
  }, src);
}

function distanceToSegment(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

test.describe('big graph overview', () => {
  test.describe.configure({ timeout: 180_000 });

  test('far out, every edge is drawn under the nodes in its colour, answers a click, comes back to cytoscape zoomed in, and is in the PNG', async ({ page }) => {
    const graph = cannedGraph();
    const body = toWireJson(encodeCompactGraph(structuredClone(graph)));
    await page.route('**/api/graph?*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.goto(`/graph?namespaces=${NAMESPACES.join(',')}&graphType=workload&serviceNodes=0&duration=1m&refresh=off`);

    // Fitted far out: every node is cytoscape's, every edge the overview's.
    await expect.poll(() => counts(page), { timeout: 60_000 }).toEqual({ nodes: NODES, edges: graph.edges.length, markers: 0, overviewEdges: graph.edges.length });
    expect(await zoom(page)).toBeLessThan(0.25);
    await expect(page.getByText(`${NODES} nodes · ${graph.edges.length} edges`)).toBeVisible();
    const canvas = page.locator('.graph-canvas');
    await canvas.scrollIntoViewIfNeeded();
    // The edges as a person sees them: the failing ones in red on the page.
    const shot = `data:image/png;base64,${(await canvas.screenshot()).toString('base64')}`;
    expect(await redPixels(page, shot)).toBeGreaterThan(200);
    await saveScreenshot(page, 'graph-overview-far');

    // A click on an edge: the one whose middle lies farthest from every other edge and node.
    const nodes = new Map((await hookNodes(page)).map((n) => [n.id, n.rendered]));
    const edges = await hookEdges(page);
    expect(edges.every((e) => e.drawnBy === 'overview')).toBe(true);
    const segments = edges.map((e) => ({ id: e.id, a: nodes.get(e.source)!, b: nodes.get(e.target)! }));
    let best = { id: '', at: { x: 0, y: 0 }, clearance: -1 };
    for (const s of segments.filter((_, k) => k % 7 === 0)) {
      const at = { x: (s.a.x + s.b.x) / 2, y: (s.a.y + s.b.y) / 2 };
      let clearance = Number.POSITIVE_INFINITY;
      for (const o of segments) if (o.id !== s.id) clearance = Math.min(clearance, distanceToSegment(at, o.a, o.b));
      for (const n of nodes.values()) clearance = Math.min(clearance, Math.hypot(n.x - at.x, n.y - at.y));
      if (clearance > best.clearance) best = { id: s.id, at, clearance };
    }
    expect(best.clearance, 'an edge with room around its middle to click').toBeGreaterThan(3);
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    await page.mouse.click(box.x + best.at.x, box.y + best.at.y);
    const clicked = graph.edges.find((e) => e.id === best.id)!;
    const name = (nodeId: string) => nodeId.split(':')[2];
    const panel = page.getByRole('complementary', { name: 'Details' });
    await expect(panel.getByRole('heading', { name: `${name(clicked.source)} → ${name(clicked.target)}` })).toBeVisible();
    expect((await hookEdges(page)).filter((e) => e.selected).map((e) => [e.id, e.drawnBy])).toEqual([[best.id, 'overview']]);

    // Zoomed in on it, the edges near the view are cytoscape's again (the clicked one among them),
    // the rest stays with the overview; none is lost.
    await page.mouse.move(box.x + best.at.x, box.y + best.at.y);
    for (let i = 0; i < 40 && (await zoom(page)) < 0.4; i++) await page.mouse.wheel(0, -300);
    await expect.poll(async () => (await hookEdges(page)).filter((e) => e.selected).map((e) => [e.id, e.drawnBy]), { timeout: 10_000 }).toEqual([[best.id, 'cytoscape']]);
    const near = await counts(page);
    expect(near?.edges).toBe(graph.edges.length);
    expect(near?.overviewEdges).toBeGreaterThan(0);
    expect(near?.overviewEdges).toBeLessThan(graph.edges.length);
    await saveScreenshot(page, 'graph-overview-near');

    // Out again: all the overview's.
    for (let i = 0; i < 40 && (await zoom(page)) > 0.1; i++) await page.mouse.wheel(0, 300);
    await expect.poll(async () => (await counts(page))?.overviewEdges, { timeout: 10_000 }).toBe(graph.edges.length);

    // The PNG export has every edge (cytoscape draws the whole graph for it), and the canvas is as it was after.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
    const png = readFileSync(await download.path());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // Its size from the PNG header: the whole graph, its longer side capped at 4,096 px.
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(Math.max(width, height)).toBeLessThanOrEqual(4096);
    expect(Math.max(width, height)).toBeGreaterThan(2000);
    expect(await redPixels(page, `data:image/png;base64,${png.toString('base64')}`)).toBeGreaterThan(200);
    expect((await counts(page))?.overviewEdges).toBe(graph.edges.length);
  });
});
