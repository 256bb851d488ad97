import { describe, expect, it } from 'vitest';
import { parseSavedPositions, placeNewNodes, serializePositions, storageKey } from './placement';

describe('placeNewNodes', () => {
  const known = new Map([
    ['a', { x: 0, y: 0 }],
    ['b', { x: 160, y: 0 }],
  ]);

  it('puts a new callee right of its caller, avoiding occupied spots', () => {
    const p = placeNewNodes(['c'], [{ source: 'a', target: 'c' }], known);
    // Right of a is (160, 0), taken by b: one row down.
    expect(p.get('c')).toEqual({ x: 160, y: 70 });
  });

  it('puts a new caller left of its callee, and averages several neighbours', () => {
    expect(placeNewNodes(['z'], [{ source: 'z', target: 'a' }], known).get('z')).toEqual({ x: -160, y: 0 });
    const both = placeNewNodes(['m'], [{ source: 'a', target: 'm' }, { source: 'm', target: 'b' }], new Map([['a', { x: 0, y: 0 }], ['b', { x: 320, y: 100 }]]));
    expect(both.get('m')).toEqual({ x: 160, y: 50 });
  });

  it('chains newcomers and places isolated ones right of everything; never moves known nodes', () => {
    const p = placeNewNodes(['d', 'c', 'lonely'], [{ source: 'b', target: 'c' }, { source: 'c', target: 'd' }], known);
    expect(p.get('c')).toEqual({ x: 320, y: 0 });
    expect(p.get('d')).toEqual({ x: 480, y: 0 });
    expect(p.get('lonely')).toEqual({ x: 320, y: 70 }); // maxX + 160 = 320, row 0 taken by c
    expect(p.has('a')).toBe(false);
    expect(known.get('a')).toEqual({ x: 0, y: 0 });
  });
});

describe('saved positions', () => {
  it('round-trips and ignores junk', () => {
    const m = new Map([['wl:default:reviews-v2', { x: 12.34, y: -5 }]]);
    expect(parseSavedPositions(serializePositions(m))).toEqual(new Map([['wl:default:reviews-v2', { x: 12.3, y: -5 }]]));
    expect(parseSavedPositions('not json').size).toBe(0);
    expect(parseSavedPositions('[1,2]').size).toBe(0);
    expect(parseSavedPositions('{"a":[1],"b":["x",2],"c":[1,2]}')).toEqual(new Map([['c', { x: 1, y: 2 }]]));
    expect(storageKey('default|app')).toBe('meshscope.graph.positions:default|app');
  });
});
