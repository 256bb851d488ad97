'use client';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration } from '@/lib/jaeger/layout';
import type { TraceSummary } from '@/lib/jaeger/model';

export interface TraceScatterProps {
  traces: TraceSummary[];
  onOpen: (traceId: string) => void;
}

interface Point {
  x: number;
  y: number;
  id: string;
  name: string;
  errors: number;
}

const time = (ms: number) => new Date(ms).toLocaleTimeString();

/** Duration over start time, one dot per trace, errors in red; a click opens the trace. */
export function TraceScatter({ traces, onOpen }: TraceScatterProps) {
  const points: Point[] = traces.map((t) => ({
    x: t.startTimeUs / 1000, y: t.durationUs / 1000, id: t.traceId, name: `${t.rootServiceName}: ${t.rootOperationName}`, errors: t.errorSpanCount,
  }));
  const ok = points.filter((p) => p.errors === 0);
  const failed = points.filter((p) => p.errors > 0);
  const open = (p: unknown) => {
    const id = (p as { payload?: Point }).payload?.id ?? (p as Point).id;
    if (id) onOpen(id);
  };
  return (
    <div className="card trace-scatter" aria-label="Trace durations over time" role="img">
      <ResponsiveContainer width="100%" height={220}>
        <ScatterChart margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis type="number" dataKey="x" name="Start" domain={['dataMin', 'dataMax']} tickFormatter={time} stroke="var(--text-muted)" fontSize={11} />
          <YAxis type="number" dataKey="y" name="Duration" unit="ms" stroke="var(--text-muted)" fontSize={11} width={70} />
          <Tooltip
            cursor={{ strokeDasharray: '3 3' }}
            content={({ payload }) => {
              const p = payload?.[0]?.payload as Point | undefined;
              if (!p) return null;
              return (
                <div className="card trace-scatter__tip">
                  <div><strong>{p.name}</strong></div>
                  <div>{time(p.x)} · {formatDuration(p.y * 1000)}{p.errors > 0 ? ` · ${p.errors} error span(s)` : ''}</div>
                </div>
              );
            }}
          />
          <Scatter name="Traces" data={ok} fill="var(--accent)" onClick={open} cursor="pointer" isAnimationActive={false} />
          <Scatter name="Traces with errors" data={failed} fill="var(--failing)" onClick={open} cursor="pointer" isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
