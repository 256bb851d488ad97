/**
 * Small rps / error charts for one graph node: three range queries (inbound requests, inbound errors,
 * outbound requests) counted the graph's way — in-mesh callers from the source reporter, callers
 * without a proxy from the destination reporter — and merged into one point list.
 */
import type { PrometheusClient } from '../prometheus/client';
import { chooseStepSeconds, eq, isK8sName, parseDurationSeconds, PromqlInputError, rangeLiteral, regex, selector, type Matcher } from '../prometheus/promql';
import { GraphParamsError, MAX_DURATION_SEC } from './params';

export const SERIES_NODE_TYPES = ['workload', 'app', 'versionedApp', 'service'] as const;
export type SeriesNodeType = (typeof SERIES_NODE_TYPES)[number];

export interface NodeSeriesRequest {
  nodeType: SeriesNodeType;
  namespace: string;
  name: string;
  version?: string;
  durationSec: number;
}

export interface SeriesPoint {
  /** Unix seconds. */
  t: number;
  inRps: number;
  outRps: number | null;
  /** Inbound errors / inbound requests, 0–100; null without inbound requests. */
  errorPercent: number | null;
}

export interface NodeSeriesResponse {
  stepSec: number;
  points: SeriesPoint[];
}

type Source = { get(name: string): string | null };

export function parseNodeSeriesRequest(search: Source): NodeSeriesRequest {
  const nodeType = search.get('nodeType') ?? '';
  if (!(SERIES_NODE_TYPES as readonly string[]).includes(nodeType)) throw new GraphParamsError(`unknown nodeType "${nodeType.slice(0, 40)}": expected one of ${SERIES_NODE_TYPES.join(', ')}`);
  const check = (what: string, v: string | null, required: boolean): string | undefined => {
    if (v === null || v === '') {
      if (required) throw new GraphParamsError(`${what} is required`);
      return undefined;
    }
    if (!isK8sName(v)) throw new GraphParamsError(`invalid ${what} "${v.slice(0, 80)}": expected a Kubernetes name`);
    return v;
  };
  const namespace = check('namespace', search.get('namespace'), true) as string;
  const name = check('name', search.get('name'), true) as string;
  const version = nodeType === 'versionedApp' ? check('version', search.get('version'), false) : undefined;
  let durationSec: number;
  try {
    durationSec = parseDurationSeconds(search.get('duration') ?? '5m');
  } catch (err) {
    throw new GraphParamsError(err instanceof PromqlInputError ? err.message : 'invalid duration');
  }
  if (durationSec < 1 || durationSec > MAX_DURATION_SEC) throw new GraphParamsError('duration must be between 1s and 6h');
  return { nodeType: nodeType as SeriesNodeType, namespace, name, ...(version ? { version } : {}), durationSec };
}

function destMatchers(r: NodeSeriesRequest): Matcher[] {
  switch (r.nodeType) {
    case 'workload': return [eq('destination_workload_namespace', r.namespace), eq('destination_workload', r.name)];
    case 'app': return [eq('destination_workload_namespace', r.namespace), eq('destination_canonical_service', r.name)];
    case 'versionedApp': return [eq('destination_workload_namespace', r.namespace), eq('destination_canonical_service', r.name), ...(r.version ? [eq('destination_canonical_revision', r.version)] : [])];
    case 'service': return [eq('destination_service_namespace', r.namespace), eq('destination_service_name', r.name)];
  }
}

function sourceMatchers(r: NodeSeriesRequest): Matcher[] | undefined {
  switch (r.nodeType) {
    case 'workload': return [eq('source_workload_namespace', r.namespace), eq('source_workload', r.name)];
    case 'app': return [eq('source_workload_namespace', r.namespace), eq('source_canonical_service', r.name)];
    case 'versionedApp': return [eq('source_workload_namespace', r.namespace), eq('source_canonical_service', r.name), ...(r.version ? [eq('source_canonical_revision', r.version)] : [])];
    case 'service': return undefined;
  }
}

export interface NodeSeriesQueries {
  inRps: string;
  inErrors: string;
  outRps?: string;
  stepSec: number;
}

export function buildNodeSeriesQueries(r: NodeSeriesRequest, scrapeIntervalSec: number): NodeSeriesQueries {
  const stepSec = chooseStepSeconds(r.durationSec, 60, Math.max(1, Math.round(scrapeIntervalSec)));
  const range = rangeLiteral(Math.max(stepSec, 4 * scrapeIntervalSec));
  const dest = destMatchers(r);
  const counted = (extra: Matcher[]) => {
    const mesh = selector('istio_requests_total', [eq('reporter', 'source'), ...dest, ...extra]);
    const outside = selector('istio_requests_total', [eq('reporter', 'destination'), eq('source_workload', 'unknown'), ...dest, ...extra]);
    return `sum(rate(${mesh}[${range}]) or rate(${outside}[${range}]))`;
  };
  const src = sourceMatchers(r);
  return {
    inRps: counted([]),
    // HTTP 4xx/5xx and no response (code 0); gRPC calls report their HTTP status here.
    inErrors: counted([regex('response_code', '0|4..|5..')]),
    ...(src ? { outRps: `sum(rate(${selector('istio_requests_total', [eq('reporter', 'source'), ...src])}[${range}]))` } : {}),
    stepSec,
  };
}

type Points = Array<[number, number]>;

/** Merges the three series on their timestamps; a missing sample is 0 requests. */
export function mergeSeries(inRps: Points, inErrors: Points, outRps: Points | undefined): SeriesPoint[] {
  const times = new Set<number>();
  for (const list of [inRps, inErrors, outRps ?? []]) for (const [t] of list) times.add(t);
  const at = (list: Points) => new Map(list);
  const inMap = at(inRps);
  const errMap = at(inErrors);
  const outMap = outRps ? at(outRps) : undefined;
  return [...times].sort((a, b) => a - b).map((t) => {
    const i = inMap.get(t) ?? 0;
    const e = errMap.get(t) ?? 0;
    return { t, inRps: i, outRps: outMap ? outMap.get(t) ?? 0 : null, errorPercent: i > 0 ? (100 * e) / i : null };
  });
}

export async function fetchNodeSeries(prometheus: PrometheusClient, r: NodeSeriesRequest, opts: { endSec: number; scrapeIntervalSec: number; signal?: AbortSignal }): Promise<NodeSeriesResponse> {
  const q = buildNodeSeriesQueries(r, opts.scrapeIntervalSec);
  const range = { startSec: opts.endSec - r.durationSec, endSec: opts.endSec, stepSec: q.stepSec, signal: opts.signal };
  const [inRps, inErrors, outRps] = await Promise.all([
    prometheus.queryRange(q.inRps, range),
    prometheus.queryRange(q.inErrors, range),
    q.outRps ? prometheus.queryRange(q.outRps, range) : Promise.resolve(undefined),
  ]);
  return { stepSec: q.stepSec, points: mergeSeries(inRps[0]?.points ?? [], inErrors[0]?.points ?? [], outRps ? outRps[0]?.points ?? [] : undefined) };
}
