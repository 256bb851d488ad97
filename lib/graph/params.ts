/**
 * The /api/graph query string, validated: every namespace a Kubernetes name before it can reach
 * PromQL, a known graph type, a window between 1 s and 6 h. Bad input → GraphParamsError (→ 400).
 */
import { isK8sName, parseDurationSeconds, PromqlInputError } from '../prometheus/promql';
import { GRAPH_TYPES, type GraphType } from './types';

export interface GraphRequest {
  namespaces: string[];
  graphType: GraphType;
  durationSec: number;
  injectServiceNodes: boolean;
  idleEdges: boolean;
  idleNodes: boolean;
  /** Evaluation time (Unix seconds); the server's now when absent. */
  queryTimeSec?: number;
}

export class GraphParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphParamsError';
  }
}

export const MAX_DURATION_SEC = 6 * 3600;
export const MAX_NAMESPACES = 500;

type Source = { get(name: string): string | null };

function bool(search: Source, name: string, fallback: boolean): boolean {
  const raw = search.get(name);
  if (raw === null || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new GraphParamsError(`invalid ${name} "${raw.slice(0, 20)}": expected true or false`);
}

export function parseGraphRequest(search: Source): GraphRequest {
  const rawNs = search.get('namespaces') ?? search.get('namespace');
  if (rawNs === null || rawNs.trim() === '') throw new GraphParamsError('namespaces is required, e.g. namespaces=default,bookinfo');
  const namespaces = [...new Set(rawNs.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  if (namespaces.length === 0) throw new GraphParamsError('namespaces is required, e.g. namespaces=default,bookinfo');
  if (namespaces.length > MAX_NAMESPACES) throw new GraphParamsError(`at most ${MAX_NAMESPACES} namespaces per graph`);
  const bad = namespaces.find((n) => !isK8sName(n));
  if (bad !== undefined) throw new GraphParamsError(`invalid namespace "${bad.slice(0, 80)}": expected a Kubernetes name (lower-case letters, digits, '-' and '.')`);

  const rawType = search.get('graphType') ?? 'versionedApp';
  if (!(GRAPH_TYPES as readonly string[]).includes(rawType)) {
    throw new GraphParamsError(`unknown graphType "${rawType.slice(0, 40)}": expected one of ${GRAPH_TYPES.join(', ')}`);
  }
  const graphType = rawType as GraphType;

  let durationSec: number;
  try {
    durationSec = parseDurationSeconds(search.get('duration') ?? '60s');
  } catch (err) {
    throw new GraphParamsError(err instanceof PromqlInputError ? err.message : 'invalid duration');
  }
  if (durationSec < 1 || durationSec > MAX_DURATION_SEC) throw new GraphParamsError('duration must be between 1s and 6h');

  let queryTimeSec: number | undefined;
  const rawTime = search.get('queryTime');
  if (rawTime !== null && rawTime !== '') {
    queryTimeSec = Number(rawTime);
    if (!Number.isFinite(queryTimeSec) || queryTimeSec <= 0) throw new GraphParamsError(`invalid queryTime "${rawTime.slice(0, 30)}": expected Unix seconds`);
  }

  return {
    namespaces,
    graphType,
    durationSec,
    // The service graph has service nodes by construction.
    injectServiceNodes: graphType === 'service' ? false : bool(search, 'injectServiceNodes', true),
    idleEdges: bool(search, 'idleEdges', false),
    idleNodes: bool(search, 'idleNodes', false),
    ...(queryTimeSec !== undefined ? { queryTimeSec } : {}),
  };
}

/**
 * How /api/graph writes its answer (`format`): node and edge objects (the default, documented in
 * types.ts), or the compact form the /graph page asks for (compact.ts): the same graph in a third of
 * the bytes.
 */
export const GRAPH_ANSWER_FORMATS = ['objects', 'compact'] as const;
export type GraphAnswerFormat = (typeof GRAPH_ANSWER_FORMATS)[number];

export function parseGraphAnswerFormat(search: Source): GraphAnswerFormat {
  const raw = search.get('format') || 'objects';
  if (!(GRAPH_ANSWER_FORMATS as readonly string[]).includes(raw)) throw new GraphParamsError(`unknown format "${raw.slice(0, 20)}": expected ${GRAPH_ANSWER_FORMATS.join(' or ')}`);
  return raw as GraphAnswerFormat;
}
