import { describe, expect, it } from 'vitest';
import { tedge, tnode } from './test-graph';
import type { Graph } from './types';
import { applyView, focusNodeIds } from './view';

// gw → pp → {details, reviews}; reviews → ratings; other → details (a second caller of details).
const ids = ['wl:s:gw', 'wl:d:pp', 'wl:d:details', 'wl:d:reviews', 'wl:d:ratings', 'wl:d:other', 'wl:d:lonely'];
const graph: Graph = {
  nodes: ids.map((id) => tnode(id, id === 'wl:d:ratings' ? { traffic: { inRps: 0.5 } as never } : {})),
  edges: [
    tedge('wl:s:gw', 'wl:d:pp', { rps: 10 }),
    tedge('wl:d:pp', 'wl:d:details', { rps: 10 }),
    tedge('wl:d:pp', 'wl:d:reviews', { rps: 10, mtlsPercent: 0 }),
    tedge('wl:d:reviews', 'wl:d:ratings', { rps: 4 }),
    tedge('wl:d:other', 'wl:d:details', { rps: 1 }),
  ],
};

const none = { find: '', hide: '', focus: '' };

describe('focus', () => {
  it('keeps what is upstream and downstream of the node, not siblings', () => {
    expect([...focusNodeIds(graph, 'wl:d:reviews')].sort()).toEqual(['wl:d:pp', 'wl:d:ratings', 'wl:d:reviews', 'wl:s:gw']);
    const v = applyView(graph, { ...none, focus: 'wl:d:reviews' });
    expect(v.graph.nodes.map((n) => n.id).sort()).toEqual(['wl:d:pp', 'wl:d:ratings', 'wl:d:reviews', 'wl:s:gw']);
    expect(v.graph.edges).toHaveLength(3); // gw→pp, pp→reviews, reviews→ratings
  });

  it('says so when the focus node is not in the graph, and shows everything', () => {
    const v = applyView(graph, { ...none, focus: 'wl:d:nope' });
    expect(v.focusMissing).toBe(true);
    expect(v.graph).toBe(graph);
  });
});

describe('hide and find', () => {
  it('hides matching nodes with their edges, and matching edges', () => {
    const v = applyView(graph, { ...none, hide: 'name = details' });
    expect(v.graph.nodes.map((n) => n.id)).not.toContain('wl:d:details');
    expect(v.graph.edges).toHaveLength(3);
    expect(v.hiddenCount).toBe(1 + 2);
    const e = applyView(graph, { ...none, hide: '!mtls' });
    expect(e.graph.edges.map((x) => x.target)).not.toContain('wl:d:reviews');
    expect(e.graph.nodes).toHaveLength(ids.length);
  });

  it('marks what find matches and reports parse errors without hiding anything', () => {
    const v = applyView(graph, { ...none, find: 'rps >= 10' });
    expect([...v.found].sort()).toEqual(['wl:d:pp>wl:d:details>http', 'wl:d:pp>wl:d:reviews>http', 'wl:s:gw>wl:d:pp>http']);
    const bad = applyView(graph, { ...none, find: 'rps >', hide: 'bogus' });
    expect(bad.findError).toMatch(/expected a value/);
    expect(bad.hideError).toMatch(/unknown field/);
    expect(bad.graph).toBe(graph);
  });
});
