import { describe, expect, it } from 'vitest';
import { PROMETHEUS_MAX_POINTS, pointCount, rangeWindow } from './window';

describe('rangeWindow', () => {
  it('5 minutes at a 15 s scrape: at least 60 points (5 s steps), rate over 60 s', () => {
    const w = rangeWindow(300, 1_000_000_007, 15);
    expect(w.stepSec).toBe(5);
    expect(w.endSec).toBe(1_000_000_005); // aligned down to the step
    expect(w.endSec - w.startSec).toBe(300);
    expect(pointCount(w)).toBe(61);
    expect(w.rateSec).toBe(60);
  });

  it('5 minutes at 5 s: one point per scrape', () => {
    const w = rangeWindow(300, 1_800_000_000, 5);
    expect(w.stepSec).toBe(5);
    expect(pointCount(w)).toBe(61);
    expect(w.rateSec).toBe(20);
  });

  it('1 hour at 5 s: 12 s steps → 301 points', () => {
    const w = rangeWindow(3600, 1_800_000_000, 5);
    expect(w.stepSec).toBe(12);
    expect(pointCount(w)).toBe(301);
    expect(w.rateSec).toBe(20);
  });

  it('never more than about 300 points, whatever the window', () => {
    for (const d of [60, 300, 600, 1800, 3600, 10800, 21600, 86400, 7 * 86400, 365 * 86400]) {
      const w = rangeWindow(d, 1_800_000_000, 5);
      expect(pointCount(w)).toBeLessThanOrEqual(302);
      expect(pointCount(w)).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS);
      expect(w.startSec % w.stepSec).toBe(0);
    }
  });

  it('a short window finer than the scrape interval keeps enough points', () => {
    const w = rangeWindow(60, 1_800_000_000, 15);
    expect(w.stepSec).toBe(1);
    expect(pointCount(w)).toBe(61);
    expect(w.rateSec).toBe(60);
  });

  it('stays under the 11,000-point limit even with a huge target', () => {
    const w = rangeWindow(86400, 1_800_000_000, 1, 50_000);
    expect(pointCount(w)).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS);
  });

  it('rejects non-positive input', () => {
    expect(() => rangeWindow(0, 1, 15)).toThrow();
  });
});
