import cytoscape, { type Core } from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';
import { FAR_DETAIL, FULL_DETAIL, type Detail } from '@/lib/graph/detail';
import { toElements } from '@/lib/graph/elements';
import { tedge, tnode } from '@/lib/graph/test-graph';
import type { Graph } from '@/lib/graph/types';
import { syncElements, type SyncState } from './cy-sync';
import { installStyleHintsMemo } from './cy-style-hints';
import { buildStylesheet, readColors } from './graph-style';

/** Workloads in two namespaces, healthy, failing, degraded and idle edges, parallel edges (http + tcp). */
function mesh(rpsFactor = 1): Graph {
  const id = (ns: string, i: number) => `wl:${ns}:svc-${i}-v1`;
  const nodes = [...Array.from({ length: 8 }, (_, i) => tnode(id('a', i))), ...Array.from({ length: 4 }, (_, i) => tnode(id('b', i), { namespace: 'b' }))];
  const edges = [
    ...Array.from({ length: 7 }, (_, i) => tedge(id('a', i), id('a', i + 1), { rps: 10 * rpsFactor })),
    tedge(id('a', 1), id('a', 3), { rps: 2, errorRate: 0.5, health: 'failing' }),
    tedge(id('a', 2), id('b', 0), { rps: 0.5 * rpsFactor, errorRate: 0.05, health: 'degraded', mtlsPercent: 40 }),
    tedge(id('a', 3), id('b', 1), { rps: 3, mtlsPercent: 0 }),
    tedge(id('a', 3), id('b', 1), { protocol: 'tcp', rps: 0 }),
    tedge(id('b', 2), id('a', 4), { rps: 7 * rpsFactor }),
    tedge(id('a', 5), id('b', 3), { rps: 0, health: 'idle' }),
  ];
  return { nodes, edges };
}

const HINTS = ['styleKey', 'labelDimsKey', 'labelKey', 'labelStyleKey', 'sourceLabelKey', 'sourceLabelStyleKey', 'targetLabelKey', 'targetLabelStyleKey', 'nodeKey', 'hasPie', 'hasStripe'];

/** Every element's style hints (what the renderer keys its textures by), in element order. */
function hints(cy: Core) {
  return cy.elements().map((e) => {
    (e as unknown as { pstyle(name: string): unknown }).pstyle('width'); // cytoscape styles lazily
    const p = (e as unknown as { _private: Record<string, unknown> })._private;
    // A copy: cytoscape writes an element's new keys into the same holder when it re-styles it.
    return { id: e.id(), keys: structuredClone(p.styleKeys), ...Object.fromEntries(HINTS.map((h) => [h, p[h]])) };
  });
}

/** Syncs the mesh at `detail` and then through later changes, collecting the hints after each step. */
function scenario(large: boolean, boxes: boolean): unknown[] {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: buildStylesheet(readColors(), 'health', large) as never });
  const state: SyncState = { memory: new Map(), applied: new Map() };
  const opts = { edgeLabels: 'rps' as const, security: true, namespaceBoxes: boxes, appBoxes: false };
  const steps: unknown[] = [];
  const sync = (g: Graph, d: Detail) => {
    syncElements(cy, toElements(g, opts), state, 'grid', d);
    steps.push(hints(cy));
  };
  sync(mesh(), large ? FAR_DETAIL : FULL_DETAIL);
  sync(mesh(1.7), large ? FAR_DETAIL : FULL_DETAIL); // a refresh: widths and labels move
  sync(mesh(1.7), FULL_DETAIL); // zoomed in: labels and arrows on
  cy.edges()[1]!.classes('health-healthy');
  cy.nodes('[kind="node"]')[0]!.style('display', 'none');
  cy.remove(cy.edges()[2]!);
  steps.push(hints(cy));
  return steps;
}

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

describe('installStyleHintsMemo', () => {
  for (const [large, boxes] of [[false, false], [true, false], [false, true]] as const) {
    it(`gives every element the hints unpatched cytoscape gives, first and after changes (${large ? 'big-graph' : 'small-graph'} style${boxes ? ', namespace boxes' : ''})`, () => {
      const want = scenario(large, boxes);
      // Counts what cytoscape itself computes under the memo.
      const proto = Object.getPrototypeOf(cytoscape({ headless: true, styleEnabled: true }).style()) as { updateStyleHints: (ele: unknown) => boolean };
      const original = proto.updateStyleHints;
      let computed = 0;
      proto.updateStyleHints = function (this: unknown, ele: unknown) {
        computed += 1;
        return original.call(this, ele);
      };
      let got: unknown[];
      let requested = 0;
      try {
        uninstall = installStyleHintsMemo(cytoscape({ headless: true, styleEnabled: true }));
        const memoised = proto.updateStyleHints;
        proto.updateStyleHints = function (this: unknown, ele: unknown) {
          requested += 1;
          return memoised.call(this, ele);
        };
        got = scenario(large, boxes);
        proto.updateStyleHints = memoised;
        uninstall();
        uninstall = undefined;
      } finally {
        proto.updateStyleHints = original;
      }
      expect(got).toEqual(want);
      // The memo is used: cytoscape computed fewer hints than were asked for.
      expect(computed).toBeGreaterThan(2);
      expect(computed).toBeLessThan(requested);
    });
  }

  it('gives each element its own holder of the per-group keys (cytoscape writes into it when it re-styles one)', () => {
    uninstall = installStyleHintsMemo(cytoscape({ headless: true, styleEnabled: true }));
    const cy = cytoscape({ headless: true, styleEnabled: true, style: buildStylesheet(readColors(), 'health', true) as never });
    syncElements(cy, toElements(mesh(), { edgeLabels: 'rps', security: true, namespaceBoxes: false, appBoxes: false }), { memory: new Map(), applied: new Map() }, 'grid', FAR_DETAIL);
    const holders = cy.elements().map((e) => {
      (e as unknown as { pstyle(name: string): unknown }).pstyle('width');
      return (e as unknown as { _private: { styleKeys: unknown } })._private.styleKeys;
    });
    expect(new Set(holders).size).toBe(holders.length);
  });

  it('is installed once and removed by its first uninstaller only', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true });
    const proto = Object.getPrototypeOf(cy.style()) as { updateStyleHints: unknown };
    const original = proto.updateStyleHints;
    uninstall = installStyleHintsMemo(cy);
    const patched = proto.updateStyleHints;
    expect(patched).not.toBe(original);
    installStyleHintsMemo(cy)();
    expect(proto.updateStyleHints).toBe(patched);
    uninstall();
    uninstall = undefined;
    expect(proto.updateStyleHints).toBe(original);
  });
});
