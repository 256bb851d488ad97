import { describe, expect, it } from 'vitest';
import { roundForWire, toWireJson } from './wire';

describe('roundForWire', () => {
  it('keeps 6 significant digits at every magnitude', () => {
    expect(roundForWire(6.709777617268264)).toBe(6.70978);
    expect(roundForWire(194.85967662637555)).toBe(194.86);
    expect(roundForWire(0.000123456789)).toBe(0.000123457);
    expect(roundForWire(-15.01252476510852)).toBe(-15.0125);
    expect(roundForWire(1234567.89)).toBe(1234568);
    expect(roundForWire(0.1 + 0.2)).toBe(0.3);
  });

  it('leaves integers, zero and non-finite numbers alone', () => {
    for (const v of [0, 100, -3, 2 ** 40, Number.POSITIVE_INFINITY, Number.NaN]) expect(Object.is(roundForWire(v), v)).toBe(true);
  });

  it('stays within half a unit of the sixth digit', () => {
    // A deterministic spread of values over twelve orders of magnitude.
    let x = 0.12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 7.31 + 0.377) % 1;
      const v = x * 10 ** ((i % 12) - 6);
      if (v === 0) continue;
      const r = roundForWire(v);
      expect(Math.abs(r - v) / Math.abs(v)).toBeLessThanOrEqual(5e-6);
      expect(String(r).replace(/^0\.0*|\.|e.*$/g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(6);
    }
  });
});

describe('toWireJson', () => {
  it('rounds numbers at any depth and keeps everything else', () => {
    const response = {
      nodes: [{ id: 'a', health: 'healthy', traffic: { inRps: 1.23456789, outRps: 2 } }],
      edges: [{ source: 'a', target: 'b', rps: 0.333333333333, p95: null, responses: [{ code: '200', rps: 10.000001234 }], hosts: ['b.ns.svc'] }],
      timestamp: 1790000000,
      warnings: [],
    };
    expect(JSON.parse(toWireJson(response))).toEqual({
      nodes: [{ id: 'a', health: 'healthy', traffic: { inRps: 1.23457, outRps: 2 } }],
      edges: [{ source: 'a', target: 'b', rps: 0.333333, p95: null, responses: [{ code: '200', rps: 10 }], hosts: ['b.ns.svc'] }],
      timestamp: 1790000000,
      warnings: [],
    });
  });
});
