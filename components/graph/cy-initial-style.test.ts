import cytoscape, { type Core } from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';
import { FAR_DETAIL, FULL_DETAIL } from '@/lib/graph/detail';
import { toElements } from '@/lib/graph/elements';
import { tedge, tnode } from '@/lib/graph/test-graph';
import type { Graph } from '@/lib/graph/types';
import { installInitialStyleShortcut } from './cy-initial-style';
import { syncElements, type SyncState } from './cy-sync';
import { buildStylesheet } from './graph-style';

const COLORS = { healthy: '#2e9e47', degraded: '#e08a00', failing: '#d33a2c', idle: '#8a94a3', text: '#17202b', muted: '#5a6677', surface: '#ffffff', surface2: '#eef1f5', border: '#d6dbe3', accent: '#2f6fdb', bg: '#f6f7f9' };

/** Workloads in two namespaces, an idle node, failing and degraded edges, parallel edges (http + tcp). */
function mesh(): Graph {
  const id = (ns: string, i: number) => `wl:${ns}:svc-${i}-v1`;
  const nodes = [...Array.from({ length: 6 }, (_, i) => tnode(id('a', i))), ...Array.from({ length: 4 }, (_, i) => tnode(id('b', i), { namespace: 'b' }))];
  const edges = [
    tedge(id('a', 0), id('a', 1), { rps: 10 }),
    tedge(id('a', 1), id('a', 2), { rps: 2, errorRate: 0.5, health: 'failing' }),
    tedge(id('a', 2), id('b', 0), { rps: 0.5, errorRate: 0.05, health: 'degraded', mtlsPercent: 40 }),
    tedge(id('a', 3), id('b', 1), { rps: 3, mtlsPercent: 0 }),
    tedge(id('a', 3), id('b', 1), { protocol: 'tcp', rps: 0 }),
    tedge(id('b', 2), id('a', 4), { rps: 7 }),
    tedge(id('a', 5), id('b', 3), { rps: 0, health: 'idle' }),
  ];
  return { nodes, edges };
}

const PROPS = ['width', 'height', 'shape', 'border-width', 'border-color', 'background-color', 'line-color', 'label', 'z-index', 'curve-style', 'mid-target-arrow-shape', 'target-arrow-shape', 'opacity', 'font-size', 'background-image', 'line-style'];

/** What the renderer reads from an element (z-index among the style), in element order. */
function snapshot(cy: Core) {
  return cy.elements().map((e) => ({
    id: e.id(),
    // pstyle (the parsed style the renderer reads) is not in cytoscape's types.
    style: PROPS.map((p) => (e as unknown as { pstyle(name: string): { strValue?: string } | undefined }).pstyle(p)?.strValue),
    bb: e.boundingBox(),
    visible: e.visible(),
  }));
}

function render(graph: Graph, large: boolean, boxes: boolean, detail = FULL_DETAIL): Core {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: buildStylesheet(COLORS, 'health', large) as never });
  const state: SyncState = { memory: new Map(), applied: new Map() };
  syncElements(cy, toElements(graph, { edgeLabels: 'rps', security: true, namespaceBoxes: boxes, appBoxes: false }), state, 'grid', detail);
  return cy;
}

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

// Headless cytoscape has no renderer, so the drawing is not seen here: these tests pin the style,
// boxes and visibility the shortcut must not change, and that later changes still raise their bounds
// events. The browser side is covered by the graph tests (e2e/scale.spec.ts draws a big graph with
// the shortcut on and clicks a node by its drawn position).
describe('installInitialStyleShortcut', () => {
  for (const [large, boxes] of [[false, false], [true, false], [false, true]] as const) {
    it(`gives every element the style, box, visibility and z-order unpatched cytoscape gives (${large ? 'big-graph' : 'small-graph'} style${boxes ? ', namespace boxes' : ''})`, () => {
      // Big graphs: far-out classes, with the edges on the canvas all the same (far out the overview
      // draws them, edge-overview.ts) so the big-graph stylesheet's edges are compared too.
      const detail = large ? { ...FAR_DETAIL, canvasEdges: true } : FULL_DETAIL;
      const want = snapshot(render(mesh(), large, boxes, detail));
      uninstall = installInitialStyleShortcut(cytoscape({ headless: true, styleEnabled: true }));
      const got = snapshot(render(mesh(), large, boxes, detail));
      expect(got).toEqual(want);
      expect(got.length).toBeGreaterThan(15);
    });
  }

  it('leaves later changes to cytoscape: a refresh, a health change and a hidden node end as unpatched', () => {
    // The bounds events are what the renderer hears of the changes (headless, the one trace of the
    // triggers): later changes must raise as many as unpatched.
    const change = (cy: Core) => {
      snapshot(cy); // every element styled (cytoscape styles lazily) before the changes are counted
      let bounds = 0;
      cy.on('bounds', () => {
        bounds += 1;
      });
      cy.edges().forEach((e, i) => {
        e.data('width', 1 + (i % 5) * 3);
      });
      cy.edges()[1]!.classes('health-healthy');
      cy.nodes('[kind="node"]')[0]!.style('display', 'none');
      return { elements: snapshot(cy), bounds };
    };
    const want = change(render(mesh(), false, false));
    uninstall = installInitialStyleShortcut(cytoscape({ headless: true, styleEnabled: true }));
    const got = change(render(mesh(), false, false));
    expect(got).toEqual(want);
    expect(got.bounds).toBeGreaterThan(0);
    expect(got.elements.filter((e) => !e.visible).length).toBeGreaterThan(1);
  });

  it('is installed once and removed by its first uninstaller only', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true });
    const proto = Object.getPrototypeOf(cy.style()) as { checkTriggers: unknown };
    const original = proto.checkTriggers;
    uninstall = installInitialStyleShortcut(cy);
    const patched = proto.checkTriggers;
    expect(patched).not.toBe(original);
    installInitialStyleShortcut(cy)();
    expect(proto.checkTriggers).toBe(patched);
    uninstall();
    uninstall = undefined;
    expect(proto.checkTriggers).toBe(original);
  });
});
