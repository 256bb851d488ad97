/**
 * Signals: the server-side shaping of one detail page (301 points; 40 code×flag series, 20 latency
 * buckets, 6 saturation series, quantiles computed per point) and the list rows of a 2,000-workload
 * workload graph (rowsFromGraph on a graph built once), median of repeated runs.
 */
import { buildGraph } from '../lib/graph/build';
import { bucketRows, requestRow } from '../lib/graph/test-rows';
import { GRAPH_TYPE_OF, rowsFromGraph } from '../lib/metrics/list';
import { routingIndex } from '../lib/metrics/config-badges';
import { errorPercentages, labelledSeries, latencySeries, timeGrid, trafficByClass } from '../lib/metrics/shape';
import type { RangeSeries } from '../lib/prometheus/types';
import type { Benchmark } from './types';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function time(runs: number, fn: () => void): number {
  fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

function detailSeries(): { grid: number[]; requests: RangeSeries[]; buckets: RangeSeries[]; avg: RangeSeries[]; saturation: RangeSeries[] } {
  const grid = timeGrid({ startSec: 1_800_000_000, endSec: 1_800_003_600, stepSec: 12 });
  const pts = (f: (i: number) => number) => grid.map((t, i) => [t, f(i)] as [number, number]);
  const codes = ['200', '201', '204', '301', '400', '401', '403', '404', '429', '500', '502', '503', '504', '0'];
  const flags = ['-', 'UF', 'UH'];
  const requests = codes.flatMap((c) => flags.map((f) => ({ metric: { response_code: c, response_flags: f }, points: pts((i) => 1 + (i % 7)) }))).slice(0, 40);
  const les = ['0.5', '1', '5', '10', '25', '50', '100', '250', '500', '1000', '2500', '5000', '10000', '30000', '60000', '300000', '600000', '1800000', '3600000', '+Inf'];
  const buckets = les.map((le, j) => ({ metric: { le }, points: pts((i) => (j + 1) * (10 + (i % 5))) }));
  const saturation = ['request_bytes', 'response_bytes', 'tcp_opened', 'tcp_closed', 'tcp_sent', 'tcp_received'].map((k) => ({ metric: { meshscope_series: k }, points: pts((i) => i) }));
  return { grid, requests, buckets, avg: [{ metric: {}, points: pts(() => 12) }], saturation };
}

export const benchmarks: Benchmark[] = [
  {
    name: 'signals-detail-shape',
    unit: 'ms',
    target: 25,
    better: 'lower',
    async run() {
      const d = detailSeries();
      return time(30, () => {
        trafficByClass(d.requests, d.grid);
        errorPercentages(d.requests, d.grid);
        latencySeries(d.buckets, d.avg, d.grid);
        labelledSeries(d.saturation, d.grid, [['request_bytes', 'a'], ['response_bytes', 'b'], ['tcp_opened', 'c'], ['tcp_closed', 'd'], ['tcp_sent', 'e'], ['tcp_received', 'f']]);
      });
    },
  },
  {
    name: 'signals-list-2000-workloads',
    unit: 'ms',
    target: 50,
    better: 'lower',
    async run() {
      const requests = [];
      const durationBuckets = [];
      for (let i = 0; i < 2000; i += 1) {
        const ns = `ns-${i % 20}`;
        const hop = { source: { ns, name: `caller-${i}-v1`, app: `caller-${i}`, version: 'v1' }, dest: { ns, name: `svc-${i}-v1`, app: `svc-${i}`, version: 'v1' }, service: { ns, name: `svc-${i}` } };
        requests.push(requestRow(hop, '200', 9), requestRow(hop, '503', 1, 'UF'));
        durationBuckets.push(...bucketRows(hop, [['10', 5], ['50', 9], ['+Inf', 10]]));
      }
      const namespaces = Array.from({ length: 20 }, (_, i) => `ns-${i}`);
      const routing = routingIndex([]);
      // The graph is lib/graph's (benchmarked there); this measures what the list adds on top.
      const graph = buildGraph({ requests, tcpSent: [], tcpReceived: [], durationBuckets, mtls: [] }, { graphType: GRAPH_TYPE_OF.workload, namespaces, injectServiceNodes: true, idleEdges: false });
      return time(9, () => {
        const rows = rowsFromGraph('workload', graph, namespaces, new Map(), routing);
        if (rows.length !== 4000) throw new Error(`expected 4000 rows, got ${rows.length}`);
      });
    },
  },
];
