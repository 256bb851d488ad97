'use client';
import { Line, LineChart, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { formatRps } from '@/lib/metrics/format';

export interface SparklineProps {
  points: Array<[number, number]>;
  label: string;
}

/** A small requests/s line without axes. */
export function Sparkline({ points, label }: SparklineProps) {
  const data = points.map(([t, v]) => ({ t, v }));
  return (
    <div className="overview-card__spark" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%" minWidth={100} initialDimension={{ width: 260, height: 48 }}>
        <LineChart data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
          <YAxis hide domain={[0, 'auto']} />
          <Tooltip formatter={(v) => [`${formatRps(typeof v === 'number' ? v : null)} req/s`, 'traffic']}
            labelFormatter={(_, p) => { const t = p?.[0]?.payload?.t; return typeof t === 'number' ? new Date(t * 1000).toLocaleTimeString() : ''; }} />
          <Line type="monotone" dataKey="v" stroke="var(--accent)" dot={false} strokeWidth={1.5} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
