import { describe, expect, it } from 'vitest';
import { DASH_PATTERN, DOT_PATTERN } from './edge-look';
import type { EdgeElement } from './elements';
import { distanceToSegment, edgeAt, overviewStrokes, type OverviewColors } from './overview';
import type { Point } from './placement';

const colors: OverviewColors = { healthy: 'green', degraded: 'orange', failing: 'red', idle: 'grey', accent: 'blue' };
const positions = new Map<string, Point>([['a', { x: 0, y: 0 }], ['b', { x: 100, y: 0 }], ['c', { x: 100, y: 100 }], ['d', { x: 0, y: 100 }]]);
const positionOf = (id: string) => positions.get(id);

function edge(id: string, source: string, target: string, over: Partial<EdgeElement['data']> = {}, classes = ''): EdgeElement {
  return { group: 'edges', data: { id, source, target, label: '', width: 2, security: 'mtls', health: 'healthy', ...over }, classes };
}

describe('overviewStrokes', () => {
  it('batches lines of the same look and width, in the colour and line style of the mode', () => {
    const edges = [
      edge('ab', 'a', 'b'),
      edge('bc', 'b', 'c'),
      edge('cd', 'c', 'd', { health: 'failing', security: 'plaintext' }),
      edge('da', 'd', 'a', { health: 'idle', security: 'unknown' }),
    ];
    const byHealth = overviewStrokes(edges, positionOf, 'health', colors);
    expect(byHealth).toEqual([
      { color: 'green', alpha: 1, width: 2, dash: [], coords: [0, 0, 100, 0, 100, 0, 100, 100] },
      { color: 'red', alpha: 1, width: 2, dash: [], coords: [100, 100, 0, 100] },
      { color: 'grey', alpha: 1, width: 2, dash: DOT_PATTERN, coords: [0, 100, 0, 0] },
    ]);
    const bySecurity = overviewStrokes(edges, positionOf, 'security', colors);
    expect(bySecurity.map((b) => [b.color, b.dash, b.coords.length / 4])).toEqual([
      ['green', [], 2],
      ['red', DASH_PATTERN, 1],
      ['grey', DOT_PATTERN, 1],
    ]);
  });

  it('rounds widths to WIDTH_STEP, so near widths share a stroke', () => {
    const strokes = overviewStrokes([edge('ab', 'a', 'b', { width: 2.1 }), edge('bc', 'b', 'c', { width: 1.9 }), edge('cd', 'c', 'd', { width: 3.4 })], positionOf, 'health', colors);
    expect(strokes.map((s) => [s.width, s.coords.length / 4])).toEqual([[2, 2], [3.5, 1]]);
  });

  it('draws Find halos first and the selected edge\'s halo last, in the accent colour', () => {
    const strokes = overviewStrokes([edge('ab', 'a', 'b', {}, 'health-healthy found'), edge('bc', 'b', 'c', {}, 'health-healthy')], positionOf, 'health', colors, 'bc');
    expect(strokes[0]).toEqual({ color: 'blue', alpha: 0.35, width: 2 + 16, dash: [], coords: [0, 0, 100, 0] });
    expect(strokes.at(-1)).toEqual({ color: 'blue', alpha: 0.25, width: 2 + 8, dash: [], coords: [100, 0, 100, 100] });
    expect(strokes).toHaveLength(3);
    // "found" as a whole class only.
    expect(overviewStrokes([edge('ab', 'a', 'b', {}, 'notfound')], positionOf, 'health', colors)).toHaveLength(1);
  });

  it('leaves out edges with an end that has no place, and those that do not cross the view when given', () => {
    expect(overviewStrokes([edge('ax', 'a', 'x')], positionOf, 'health', colors)).toEqual([]);
    const view = { x1: 90, y1: -10, x2: 110, y2: 10 };
    const strokes = overviewStrokes([edge('ab', 'a', 'b'), edge('cd', 'c', 'd'), edge('bc', 'b', 'c')], positionOf, 'health', colors, undefined, view);
    expect(strokes.flatMap((s) => s.coords)).toEqual([0, 0, 100, 0, 100, 0, 100, 100]);
  });
});

describe('edgeAt', () => {
  const edges = [edge('ab', 'a', 'b', { width: 4 }), edge('bc', 'b', 'c', { width: 4 }), edge('ac', 'a', 'c', { width: 4 })];
  it('finds the nearest edge within its half width plus the tolerance', () => {
    expect(edgeAt(edges, positionOf, { x: 50, y: 3 }, 2)).toBe('ab'); // 3 from ab: within 2 + 2
    expect(edgeAt(edges, positionOf, { x: 50, y: 5 }, 2)).toBeUndefined(); // 5 from ab, 31.8 from ac
    expect(edgeAt(edges, positionOf, { x: 50, y: 5 }, 3.5)).toBe('ab');
    expect(edgeAt(edges, positionOf, { x: 98, y: 60 }, 2)).toBe('bc');
    // On the diagonal: ac, though ab and bc are near the ends.
    expect(edgeAt(edges, positionOf, { x: 51, y: 50 }, 2)).toBe('ac');
    expect(edgeAt(edges, positionOf, { x: -20, y: 50 }, 2)).toBeUndefined();
  });

  it('measures to the segment, not to its line', () => {
    expect(distanceToSegment({ x: 150, y: 0 }, { x: 0, y: 0 }, { x: 100, y: 0 })).toBe(50);
    expect(distanceToSegment({ x: 50, y: 7 }, { x: 0, y: 0 }, { x: 100, y: 0 })).toBe(7);
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
  });
});
