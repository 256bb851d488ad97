/**
 * Pure shapers: Prometheus range series → chart series on the window's time grid. Every series of a
 * chart has a point at every grid time (null where Prometheus had none), so a tooltip can show all
 * series at one instant.
 */
import { addBucket, bucketQuantile, parseLe, type Buckets } from '../graph/histogram';
import type { RangeSeries } from '../prometheus/types';
import { SERIES_LABEL } from './queries';
import type { ChartSeries, CodeCount } from './types';
import type { RangeWindow } from './window';

export function timeGrid(w: Pick<RangeWindow, 'startSec' | 'endSec' | 'stepSec'>): number[] {
  const out: number[] = [];
  for (let t = w.startSec; t <= w.endSec; t += w.stepSec) out.push(t);
  return out;
}

/** Sums the points of the series `keyOf` maps to the same key, per grid time. */
function sumByKey(series: RangeSeries[], keyOf: (labels: Record<string, string>) => string | undefined): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const s of series) {
    const key = keyOf(s.metric);
    if (key === undefined) continue;
    let acc = out.get(key);
    if (!acc) out.set(key, (acc = new Map()));
    for (const [t, v] of s.points) if (Number.isFinite(v)) acc.set(t, (acc.get(t) ?? 0) + v);
  }
  return out;
}

function onGrid(name: string, grid: number[], values: Map<number, number> | undefined): ChartSeries {
  return { name, points: grid.map((t) => [t, values?.get(t) ?? null]) };
}

export type CodeClass = '2xx' | '3xx' | '4xx' | '5xx' | 'no response' | 'other';
export const CODE_CLASSES: readonly CodeClass[] = ['2xx', '3xx', '4xx', '5xx', 'no response', 'other'];

export function codeClass(code: string): CodeClass {
  if (code === '0' || code === '' || code === '-') return 'no response';
  const first = code[0];
  if (code.length === 3 && (first === '2' || first === '3' || first === '4' || first === '5')) return `${first}xx` as CodeClass;
  return 'other';
}

/** Requests/s by response-code class (only the classes that occur), plus the total. */
export function trafficByClass(requests: RangeSeries[], grid: number[]): ChartSeries[] {
  const byClass = sumByKey(requests, (m) => codeClass(m.response_code ?? '0'));
  const total = sumByKey(requests, () => 'total').get('total');
  const series = CODE_CLASSES.filter((c) => byClass.has(c)).map((c) => onGrid(c, grid, byClass.get(c)));
  return total ? [onGrid('total', grid, total), ...series] : series;
}

/** Requests/s per peer workload (the legend is ns/workload, or service → ns/workload outbound). */
export function trafficByPeer(peers: RangeSeries[], grid: number[]): ChartSeries[] {
  const byPeer = sumByKey(peers, (m) => {
    const ns = m.source_workload_namespace ?? m.destination_workload_namespace ?? 'unknown';
    const wl = m.source_workload ?? m.destination_workload ?? 'unknown';
    const outbound = m.destination_service_name !== undefined;
    if (wl === 'unknown') return outbound ? `${m.destination_service_name} → no workload reached` : 'unknown (caller outside the mesh)';
    // The version, when the workload name does not already say it.
    const rev = m.source_canonical_revision ?? m.destination_canonical_revision ?? 'latest';
    const who = rev !== 'latest' && rev !== 'unknown' && !wl.endsWith(`-${rev}`) ? `${ns}/${wl} (${rev})` : `${ns}/${wl}`;
    return outbound ? `${m.destination_service_name} → ${who}` : who;
  });
  return [...byPeer.keys()].sort().map((k) => onGrid(k, grid, byPeer.get(k)));
}

/** 5xx %, 4xx % and no-response % of all requests per instant (null where there were none). */
export function errorPercentages(requests: RangeSeries[], grid: number[]): ChartSeries[] {
  const byClass = sumByKey(requests, (m) => codeClass(m.response_code ?? '0'));
  const total = sumByKey(requests, () => 'total').get('total') ?? new Map<number, number>();
  const pct = (cls: CodeClass, name: string): ChartSeries => ({
    name,
    points: grid.map((t) => {
      const all = total.get(t);
      if (all === undefined || !(all > 0)) return [t, null];
      return [t, ((byClass.get(cls)?.get(t) ?? 0) / all) * 100];
    }),
  });
  const out = [pct('5xx', '5xx %'), pct('4xx', '4xx %')];
  if (byClass.has('no response')) out.push(pct('no response', 'no response %'));
  return out;
}

export const QUANTILES = [['p50', 0.5], ['p90', 0.9], ['p95', 0.95], ['p99', 0.99]] as const;

/** p50/p90/p95/p99 from the `le` bucket rates at each instant, plus the average. */
export function latencySeries(buckets: RangeSeries[], average: RangeSeries[], grid: number[]): ChartSeries[] {
  const perTime = new Map<number, Buckets>();
  for (const s of buckets) {
    const le = parseLe(s.metric.le ?? '');
    if (Number.isNaN(le)) continue;
    for (const [t, v] of s.points) {
      if (!Number.isFinite(v)) continue;
      let b = perTime.get(t);
      if (!b) perTime.set(t, (b = new Map()));
      addBucket(b, le, v);
    }
  }
  const out: ChartSeries[] = QUANTILES.map(([name, q]) => ({
    name,
    points: grid.map((t) => {
      const b = perTime.get(t);
      const v = b ? bucketQuantile(q, b) : Number.NaN;
      return [t, Number.isFinite(v) ? v : null];
    }),
  }));
  out.push(onGrid('average', grid, sumByKey(average, () => 'avg').get('avg')));
  return out;
}

/** Picks the branches of a labelled union (label_replace … or …) by their series label. */
export function labelledSeries(series: RangeSeries[], grid: number[], names: ReadonlyArray<readonly [string, string]>): ChartSeries[] {
  const byKey = sumByKey(series, (m) => m[SERIES_LABEL]);
  return names.filter(([key]) => byKey.has(key)).map(([key, label]) => onGrid(label, grid, byKey.get(key)));
}

/** Codes × flags over the window, biggest first. */
export function codeCounts(samples: Array<{ metric: Record<string, string>; value: number }>): CodeCount[] {
  return samples
    .filter((s) => Number.isFinite(s.value) && s.value > 0)
    .map((s) => ({ code: s.metric.response_code ?? '0', flags: s.metric.response_flags ?? '-', rps: s.value }))
    .sort((a, b) => b.rps - a.rps || a.code.localeCompare(b.code));
}

export function hasData(series: ChartSeries[]): boolean {
  return series.some((s) => s.points.some(([, v]) => v !== null && v > 0));
}
