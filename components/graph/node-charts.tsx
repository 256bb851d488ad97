'use client';
import { useQuery } from '@tanstack/react-query';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { NodeSeriesResponse } from '@/lib/graph/node-series';
import type { GraphNode } from '@/lib/graph/types';
import { refreshIntervalMs, type GlobalParams } from '@/lib/url-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { fetchJson } from '@/components/ui/fetch-json';
import { graphKeys } from './use-graph';

function seriesQuery(node: GraphNode, duration: string): string | undefined {
  if (node.namespace === '' || node.nodeType === 'unknown' || node.nodeType === 'external') return undefined;
  const name = node.nodeType === 'workload' ? node.workload : node.nodeType === 'service' ? node.service : node.app;
  const q = new URLSearchParams({ nodeType: node.nodeType, namespace: node.namespace, name, duration });
  if (node.nodeType === 'versionedApp' && node.version) q.set('version', node.version);
  return q.toString();
}

const time = (t: number) => new Date(t * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Inbound/outbound rps and inbound error % over the window, for one node. */
export function NodeCharts({ node, global }: { node: GraphNode; global: GlobalParams }) {
  const q = seriesQuery(node, global.duration);
  const series = useQuery({
    queryKey: graphKeys.nodeSeries(q ?? ''),
    queryFn: ({ signal }) => fetchJson<NodeSeriesResponse>(`/api/graph/node-series?${q}`, { signal }),
    enabled: q !== undefined,
    refetchInterval: refreshIntervalMs(global.refresh),
  });
  if (q === undefined) return null;
  if (series.error && !series.data) return <ErrorBanner what="the node's charts" error={series.error} />;
  if (!series.data) return <p className="muted">Loading charts…</p>;
  const points = series.data.points;
  if (points.length === 0) return <p className="muted">No requests in the window.</p>;
  return (
    <div className="graph-charts">
      <figure>
        <figcaption>Requests per second</figcaption>
        <ResponsiveContainer width="100%" height={110}>
          <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: -18 }}>
            <XAxis dataKey="t" tickFormatter={time} fontSize={10} minTickGap={40} />
            <YAxis fontSize={10} allowDecimals />
            <Tooltip labelFormatter={(t) => time(Number(t))} formatter={(v) => Number(v).toFixed(2)} />
            <Line type="monotone" dataKey="inRps" name="inbound" stroke="var(--accent)" dot={false} isAnimationActive={false} />
            {node.nodeType !== 'service' ? <Line type="monotone" dataKey="outRps" name="outbound" stroke="var(--idle)" dot={false} isAnimationActive={false} /> : null}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure>
        <figcaption>Inbound error %</figcaption>
        <ResponsiveContainer width="100%" height={90}>
          <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: -18 }}>
            <XAxis dataKey="t" tickFormatter={time} fontSize={10} minTickGap={40} />
            <YAxis fontSize={10} domain={[0, 'auto']} />
            <Tooltip labelFormatter={(t) => time(Number(t))} formatter={(v) => `${Number(v).toFixed(1)}%`} />
            <Line type="monotone" dataKey="errorPercent" name="errors" stroke="var(--failing)" dot={false} isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
