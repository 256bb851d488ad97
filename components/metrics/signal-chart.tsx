'use client';
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Banner } from '@/components/ui/banner';
import { toChartRows, seriesStats } from '@/lib/metrics/chart-data';
import { formatTick, formatValue } from '@/lib/metrics/format';
import type { Chart } from '@/lib/metrics/types';

const NAMED: Record<string, string> = {
  total: 'var(--text-muted)', '2xx': 'var(--healthy)', '3xx': '#3b82c4', '4xx': 'var(--degraded)', '5xx': 'var(--failing)',
  'no response': '#8b5cf6', '5xx %': 'var(--failing)', '4xx %': 'var(--degraded)', 'no response %': '#8b5cf6',
  p50: '#2f6fdb', p90: '#0f9d8a', p95: 'var(--degraded)', p99: 'var(--failing)', average: 'var(--text-muted)',
};
const PALETTE = ['#2f6fdb', '#0f9d8a', '#e08a00', '#d33a2c', '#8b5cf6', '#c2418a', '#5a6677', '#2e9e47'];

export function seriesColor(name: string, index: number): string {
  return NAMED[name] ?? PALETTE[index % PALETTE.length] ?? '#2f6fdb';
}

const time = (t: number) => new Date(t * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

interface TooltipBodyProps {
  active?: boolean;
  label?: number | string;
  payload?: ReadonlyArray<{ name?: string | number; value?: unknown; color?: string }>;
  unit: Chart['unit'];
}

/** Every series' value at the hovered instant (including those with no value there). */
function TooltipBody({ active, label, payload, unit }: TooltipBodyProps) {
  if (!active || !payload || payload.length === 0) return null;
  return (
    <div className="signals-tooltip">
      <div>{typeof label === 'number' ? time(label) : label}</div>
      <table>
        <tbody>
          {payload.map((p) => (
            <tr key={String(p.name)}>
              <td><span className="signals-swatch" style={{ background: p.color }} />{p.name}</td>
              <td>{formatValue(unit, typeof p.value === 'number' ? p.value : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="muted">Click for the traces of this moment</div>
    </div>
  );
}

export interface SignalChartProps {
  chart: Chart;
  /** Called with the clicked instant (Unix s). */
  onPick?: (t: number) => void;
  children?: React.ReactNode;
}

/** One chart: the plot, a legend table (latest / max / average) and its own error or "not available". */
export function SignalChart({ chart, onPick, children }: SignalChartProps) {
  const rows = useMemo(() => toChartRows(chart), [chart]);
  const stats = useMemo(() => seriesStats(chart), [chart]);
  return (
    <figure className="card signals-chart" aria-label={chart.title} data-chart={chart.id}>
      <figcaption>{chart.title}</figcaption>
      {chart.error ? <Banner kind="error" title={`Could not load this chart`}>{chart.error}</Banner> : null}
      {chart.unavailable ? <p className="muted">{chart.unavailable}</p> : null}
      {!chart.error && !chart.unavailable && chart.series.length === 0 ? <p className="muted">No data in this window.</p> : null}
      {chart.series.length > 0 ? (
        <>
          <div className="signals-chart__plot">
            <ResponsiveContainer width="100%" height="100%" minWidth={200} initialDimension={{ width: 400, height: 200 }}>
              <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} onClick={(e) => {
                if (onPick && typeof e?.activeLabel === 'number') onPick(e.activeLabel);
                else if (onPick && typeof e?.activeLabel === 'string' && e.activeLabel !== '') onPick(Number(e.activeLabel));
              }}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={time} tick={{ fontSize: 11 }} stroke="var(--text-muted)" minTickGap={40} />
                <YAxis tick={{ fontSize: 11 }} stroke="var(--text-muted)" width={56} tickFormatter={(v: number) => formatTick(chart.unit, v)} />
                <Tooltip content={(p) => <TooltipBody active={p.active} label={p.label as number} payload={p.payload as TooltipBodyProps['payload']} unit={chart.unit} />} />
                {chart.series.map((s, i) => (
                  <Line key={s.name} type="monotone" dataKey={s.name} name={s.name} stroke={seriesColor(s.name, i)} dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls={false} />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
          <table className="signals-legend" aria-label={`${chart.title} legend`}>
            <thead><tr><th>Series</th><th>Latest</th><th>Max</th><th>Average</th></tr></thead>
            <tbody>
              {stats.map((s, i) => (
                <tr key={s.name}>
                  <td><span className="signals-swatch" style={{ background: seriesColor(s.name, i) }} />{s.name}</td>
                  <td>{formatValue(chart.unit, s.last)}</td>
                  <td>{formatValue(chart.unit, s.max)}</td>
                  <td>{formatValue(chart.unit, s.avg)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {children}
    </figure>
  );
}
