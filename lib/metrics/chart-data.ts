/** Chart series → the row form recharts draws (one row per instant) and the legend's numbers. Pure. */
import type { Chart } from './types';

export type ChartRow = { t: number } & Record<string, number | null>;

export function toChartRows(chart: Pick<Chart, 'series'>): ChartRow[] {
  const first = chart.series[0];
  if (!first) return [];
  return first.points.map(([t], i) => {
    const row: ChartRow = { t };
    for (const s of chart.series) row[s.name] = s.points[i]?.[1] ?? null;
    return row;
  });
}

export interface SeriesStats {
  name: string;
  last: number | null;
  max: number | null;
  avg: number | null;
}

/** Last non-null value, maximum and average of each series. */
export function seriesStats(chart: Pick<Chart, 'series'>): SeriesStats[] {
  return chart.series.map((s) => {
    const values = s.points.map(([, v]) => v).filter((v): v is number => v !== null && Number.isFinite(v));
    if (values.length === 0) return { name: s.name, last: null, max: null, avg: null };
    return { name: s.name, last: values[values.length - 1] ?? null, max: Math.max(...values), avg: values.reduce((a, b) => a + b, 0) / values.length };
  });
}
