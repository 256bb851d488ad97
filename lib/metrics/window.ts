/**
 * Time range of the detail charts: end at the evaluation time, about 300 points, never more than
 * Prometheus's 11,000-point limit, the step a multiple of the scrape interval where that still gives
 * enough points, start aligned to the step (identical, cache-friendly queries on Prometheus and
 * VictoriaMetrics), and a rate window wide enough to hold two samples.
 */
import { chooseStepSeconds } from '../prometheus/promql';

export const TARGET_POINTS = 300;
export const PROMETHEUS_MAX_POINTS = 11_000;

export interface RangeWindow {
  startSec: number;
  endSec: number;
  stepSec: number;
  /** Range of the rate() inside each point: max(step + scrape, 4 × scrape), as Grafana's $__rate_interval. */
  rateSec: number;
}

/** Number of points Prometheus evaluates for the range (start + k·step ≤ end). */
export function pointCount(w: Pick<RangeWindow, 'startSec' | 'endSec' | 'stepSec'>): number {
  return Math.floor((w.endSec - w.startSec) / w.stepSec) + 1;
}

export function rangeWindow(durationSec: number, endSec: number, scrapeSec: number, targetPoints = TARGET_POINTS): RangeWindow {
  if (!(durationSec > 0) || !(scrapeSec > 0)) throw new Error('duration and scrape interval must be positive');
  // Points closer than the scrape interval repeat the same samples, unless that leaves under 60 points.
  const minStep = Math.max(1, Math.floor(Math.min(scrapeSec, durationSec / 60)));
  let stepSec = chooseStepSeconds(durationSec, targetPoints, minStep);
  while ((durationSec / stepSec) + 1 > PROMETHEUS_MAX_POINTS) stepSec += 1;
  const end = Math.floor(endSec / stepSec) * stepSec;
  const start = end - Math.floor(durationSec / stepSec) * stepSec;
  const scrape = Math.ceil(scrapeSec);
  return { startSec: start, endSec: end, stepSec, rateSec: Math.max(stepSec + scrape, 4 * scrape) };
}
