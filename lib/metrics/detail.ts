/**
 * One detail page's data: the entity's list row (same health and numbers as the list and the graph),
 * then the range queries of the charts in parallel. A failing query costs only its chart (the chart
 * carries the error); an entity neither in the configuration nor in the telemetry is a 404.
 */
import { workloadsOf, type ConfigInput } from '../graph/badges';
import type { HealthConfig } from '../health/rules';
import type { PrometheusClient } from '../prometheus/client';
import type { RangeSeries, VectorSample } from '../prometheus/types';
import { notFound } from '../server/errors';
import { fetchEntityList } from './list';
import { buildDetailQueries, buildExistsQuery, buildResourceQuery, CADVISOR_PRESENT_QUERY, type EntityRef } from './queries';
import { codeCounts, errorPercentages, hasData, labelledSeries, latencySeries, timeGrid, trafficByClass, trafficByPeer } from './shape';
import type { Chart, ChartId, Direction, Reporter, SignalsResponse } from './types';
import { rangeWindow } from './window';

export interface SignalsSpec extends EntityRef {
  direction: Direction;
  reporter: Reporter;
  split: boolean;
  durationSec: number;
  /** Evaluation time (end of the charts), Unix seconds. */
  endSec: number;
  scrapeIntervalSec: number;
  config?: ConfigInput;
  health?: HealthConfig;
  signal?: AbortSignal;
}

/** How far back "this entity exists" looks in the telemetry when the configuration does not know it. */
export const EXISTS_LOOKBACK_SEC = 6 * 3600;

const TITLES: Record<ChartId, string> = {
  traffic: 'Traffic (requests/s)',
  errors: 'Errors (% of requests)',
  latency: 'Latency (ms)',
  throughput: 'Throughput (bytes/s)',
  connections: 'TCP connections (per second)',
  cpu: 'Container CPU (cores)',
  memory: 'Container memory (working set)',
};
const UNITS: Record<ChartId, Chart['unit']> = { traffic: 'rps', errors: 'percent', latency: 'ms', throughput: 'Bps', connections: 'cps', cpu: 'cores', memory: 'bytes' };

export function inConfig(ref: EntityRef, config: ConfigInput | undefined): boolean {
  if (!config) return false;
  if (ref.kind === 'service') return config.objects.some((o) => o.kind === 'Service' && o.metadata.name === ref.name && (o.metadata.namespace ?? 'default') === ref.namespace);
  return workloadsOf(config.objects).some((w) => w.namespace === ref.namespace && (ref.kind === 'workload' ? w.name === ref.name : w.app === ref.name));
}

export function notFoundMessage(ref: EntityRef): string {
  return `No ${ref.kind} "${ref.name}" in namespace "${ref.namespace}": neither the configuration nor the last ${EXISTS_LOOKBACK_SEC / 3600} hours of telemetry know it.`;
}

/** Known to the configuration, or seen in the telemetry of the last EXISTS_LOOKBACK_SEC. */
export async function entityExists(prometheus: PrometheusClient, ref: EntityRef, config: ConfigInput | undefined, timeSec: number, signal?: AbortSignal): Promise<boolean> {
  if (inConfig(ref, config)) return true;
  const seen = await prometheus.query(buildExistsQuery(ref, EXISTS_LOOKBACK_SEC), { timeSec, signal });
  return seen.length > 0;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: string };
async function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await p };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

function chart(id: ChartId, result: Settled<unknown>, series: () => Chart['series']): Chart {
  if (!result.ok) return { id, title: TITLES[id], unit: UNITS[id], series: [], error: result.error };
  return { id, title: TITLES[id], unit: UNITS[id], series: series() };
}

export async function fetchSignals(prometheus: PrometheusClient, spec: SignalsSpec): Promise<SignalsResponse> {
  const ref: EntityRef = { kind: spec.kind, namespace: spec.namespace, name: spec.name };
  const signal = spec.signal;
  const list = await fetchEntityList(prometheus, {
    kind: spec.kind, namespaces: [spec.namespace], durationSec: spec.durationSec, timeSec: spec.endSec,
    scrapeIntervalSec: spec.scrapeIntervalSec, config: spec.config, health: spec.health, signal,
  });
  const summary = list.rows.find((r) => r.name === spec.name) ?? null;
  if (!summary && !(await entityExists(prometheus, ref, spec.config, spec.endSec, signal))) throw notFound(notFoundMessage(ref));

  const w = rangeWindow(spec.durationSec, spec.endSec, spec.scrapeIntervalSec);
  const grid = timeGrid(w);
  const q = buildDetailQueries({ ...ref, direction: spec.direction, reporter: spec.reporter, split: spec.split, rateSec: w.rateSec }, spec.durationSec);
  const range = (query: string) => settle(prometheus.queryRange(query, { startSec: w.startSec, endSec: w.endSec, stepSec: w.stepSec, signal }));
  const none: Settled<RangeSeries[]> = { ok: true, value: [] };
  const [requests, peers, buckets, avg, saturation, resources, codes] = await Promise.all([
    range(q.requests),
    spec.split ? range(q.peers) : Promise.resolve(none),
    range(q.durationBuckets),
    range(q.durationAvg),
    range(q.saturation),
    range(buildResourceQuery(ref, w.rateSec)),
    settle(prometheus.query(q.codesWindow, { timeSec: w.endSec, signal })),
  ]);
  const val = (s: Settled<RangeSeries[]>) => (s.ok ? s.value : []);

  const charts: Record<ChartId, Chart> = {
    traffic: chart('traffic', spec.split ? peers : requests, () => (spec.split ? trafficByPeer(val(peers), grid) : trafficByClass(val(requests), grid))),
    errors: chart('errors', requests, () => errorPercentages(val(requests), grid)),
    latency: chart('latency', buckets, () => latencySeries(val(buckets), val(avg), grid)),
    throughput: chart('throughput', saturation, () => labelledSeries(val(saturation), grid, [
      ['request_bytes', 'request bytes'], ['response_bytes', 'response bytes'], ['tcp_received', 'TCP received (request)'], ['tcp_sent', 'TCP sent (response)'],
    ])),
    connections: chart('connections', saturation, () => labelledSeries(val(saturation), grid, [['tcp_opened', 'opened'], ['tcp_closed', 'closed']])),
    cpu: chart('cpu', resources, () => labelledSeries(val(resources), grid, [['cpu', 'CPU']])),
    memory: chart('memory', resources, () => labelledSeries(val(resources), grid, [['memory', 'working set']])),
  };
  if (resources.ok && resources.value.length === 0) {
    const present = await settle(prometheus.query(CADVISOR_PRESENT_QUERY, { timeSec: w.endSec, signal }));
    const why = present.ok && present.value.length === 0
      ? 'Container CPU and memory are not available from this Prometheus: it holds no cAdvisor (container_*) series.'
      : `No cAdvisor series for pods named ${spec.name}-… in namespace ${spec.namespace} in this window.`;
    charts.cpu.unavailable = why;
    charts.memory.unavailable = why;
  }

  const noTraffic = !hasData(charts.traffic.series) && !hasData(charts.throughput.series) && !hasData(charts.connections.series)
    && requests.ok && saturation.ok;
  return {
    kind: spec.kind, namespace: spec.namespace, name: spec.name, direction: spec.direction, reporter: spec.reporter, split: spec.split,
    startSec: w.startSec, endSec: w.endSec, stepSec: w.stepSec, rateSec: w.rateSec, durationSec: spec.durationSec,
    summary,
    charts,
    codes: codes.ok ? codeCounts(codes.value as VectorSample[]) : [],
    ...(codes.ok ? {} : { codesError: codes.error }),
    noTraffic,
  };
}
