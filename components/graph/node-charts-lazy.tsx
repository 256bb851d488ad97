'use client';
/**
 * The node panel's charts, loaded when a panel first shows them: recharts (with its redux store) is
 * ~360 kB of script that the graph page would otherwise parse and run before it can show the graph.
 */
import dynamic from 'next/dynamic';

export const NodeChartsLazy = dynamic(() => import('./node-charts').then((m) => m.NodeCharts), {
  ssr: false,
  loading: () => <p className="muted">Loading charts…</p>,
});
