import { describe, expect, it } from 'vitest';
import { FIT_MARGIN, fitViewport } from './fit';

const canvas = { width: 1000, height: 600, padding: 30, minZoom: 0.01, maxZoom: 4 };

describe('fitViewport', () => {
  it('fits the centres plus the margin inside the padded canvas, centred', () => {
    // Box with margin: x -48…2048 (2096 wide), y -48…548 (596 high). Width allows 940/2096 = 0.4485,
    // height 540/596 = 0.906: the width decides.
    const v = fitViewport([{ x: 0, y: 0 }, { x: 2000, y: 500 }, { x: 700, y: 250 }], canvas);
    const zoom = 940 / (2000 + 2 * FIT_MARGIN);
    expect(v?.zoom).toBeCloseTo(zoom, 12);
    // The box's centre (1000, 250) lands on the canvas centre (500, 300).
    expect(v?.pan.x).toBeCloseTo(500 - zoom * 1000, 9);
    expect(v?.pan.y).toBeCloseTo(300 - zoom * 250, 9);
  });

  it('keeps every centre and its margin on screen, 30 px from the sides along the deciding axis', () => {
    const centres = Array.from({ length: 200 }, (_, i) => ({ x: (i * 7919) % 3001 - 1500, y: (i * 104729) % 901 - 450 }));
    const v = fitViewport(centres, canvas);
    if (!v) throw new Error('no viewport');
    const screen = (p: { x: number; y: number }) => ({ x: p.x * v.zoom + v.pan.x, y: p.y * v.zoom + v.pan.y });
    const xs = centres.map((p) => screen(p).x);
    const ys = centres.map((p) => screen(p).y);
    const m = FIT_MARGIN * v.zoom;
    expect(Math.min(...xs) - m).toBeCloseTo(30, 6);
    expect(Math.max(...xs) + m).toBeCloseTo(970, 6);
    expect(Math.min(...ys) - m).toBeGreaterThanOrEqual(30);
    expect(Math.max(...ys) + m).toBeLessThanOrEqual(570);
  });

  it('stays within the zoom limits', () => {
    expect(fitViewport([{ x: 5, y: 5 }], canvas)?.zoom).toBe(4);
    expect(fitViewport([{ x: 0, y: 0 }, { x: 1e7, y: 0 }], canvas)?.zoom).toBe(0.01);
  });

  it('has nothing to fit without nodes or room', () => {
    expect(fitViewport([], canvas)).toBeUndefined();
    expect(fitViewport([{ x: 0, y: 0 }], { ...canvas, width: 0 })).toBeUndefined();
  });
});
