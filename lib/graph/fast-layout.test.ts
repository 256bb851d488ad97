import { describe, expect, it } from 'vitest';
import { fastLayered } from './fast-layout';

const nodes = (ids: string[]) => ids.map((id) => ({ id, group: id.split(':')[0] ?? '' }));

describe('fastLayered', () => {
  it('ranks left to right along the calls', () => {
    const p = fastLayered(nodes(['gw', 'pp', 'details', 'reviews', 'ratings']), [
      { source: 'gw', target: 'pp' }, { source: 'pp', target: 'details' }, { source: 'pp', target: 'reviews' }, { source: 'reviews', target: 'ratings' },
    ]);
    expect(p.get('gw')?.x).toBe(0);
    expect(p.get('pp')?.x).toBe(200);
    expect(p.get('details')?.x).toBe(400);
    expect(p.get('reviews')?.x).toBe(400);
    expect(p.get('ratings')?.x).toBe(600);
    expect(Math.abs((p.get('details')?.y ?? 0) - (p.get('reviews')?.y ?? 0))).toBe(70); // stacked in one rank
  });

  it('survives cycles and self loops, and places every node', () => {
    const p = fastLayered(nodes(['a', 'b', 'c', 'lonely']), [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'c', target: 'a' }, { source: 'a', target: 'a' }]);
    expect(p.size).toBe(4);
    const xs = ['a', 'b', 'c'].map((id) => p.get(id)?.x);
    expect(new Set(xs).size).toBe(3);
  });

  it('lays out 1,000 nodes and 5,000 edges quickly, without overlaps', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `ns-${i % 50}:w${i}`);
    const edges = ids.flatMap((id, i) => [1, 7, 13, 101, 333].map((d) => ({ source: id, target: ids[(i + d) % 1000] as string })));
    const t0 = performance.now();
    const p = fastLayered(nodes(ids), edges);
    expect(performance.now() - t0).toBeLessThan(2000);
    const seen = new Set([...p.values()].map((q) => `${q.x},${q.y}`));
    expect(seen.size).toBe(1000);
  });

  it('folds a deep graph into about 0.75·√n columns, keeping the calls left to right', () => {
    // A chain of 900 calls would be 900 ranks, a strip 180,000 px wide.
    const ids = Array.from({ length: 900 }, (_, i) => `ns:w${i}`);
    const p = fastLayered(nodes(ids), ids.slice(1).map((id, i) => ({ source: ids[i] as string, target: id })));
    const xs = ids.map((id) => p.get(id)?.x as number);
    expect(new Set(xs).size).toBe(23); // ceil(0.75 · 30)
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThanOrEqual(xs[i - 1] as number);
    expect(new Set([...p.values()].map((q) => `${q.x},${q.y}`)).size).toBe(900);
  });
});
