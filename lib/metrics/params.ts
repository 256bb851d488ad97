/**
 * The /api/signals query strings, validated before anything reaches PromQL: Kubernetes names, a known
 * kind / direction / reporter, a window between 1 s and 6 h. Bad input → SignalsParamsError (→ 400).
 */
import { isK8sName, parseDurationSeconds, PromqlInputError } from '../prometheus/promql';
import { ENTITY_KINDS, REPORTERS, type Direction, type EntityKind, type Reporter } from './types';

export class SignalsParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignalsParamsError';
  }
}

type Source = { get(name: string): string | null };

export const MAX_DURATION_SEC = 6 * 3600;
export const MAX_NAMESPACES = 500;

/** URL segment (plural) → kind. */
export const KIND_OF_SEGMENT: Record<string, EntityKind> = { services: 'service', workloads: 'workload', apps: 'app' };

export function parseKindSegment(segment: string): EntityKind {
  const kind = KIND_OF_SEGMENT[segment];
  if (!kind) throw new SignalsParamsError(`unknown kind "${segment.slice(0, 40)}": expected services, workloads or apps`);
  return kind;
}

export function parseName(what: string, value: string): string {
  if (!isK8sName(value)) throw new SignalsParamsError(`invalid ${what} "${value.slice(0, 80)}": expected a Kubernetes name (lower-case letters, digits, '-' and '.')`);
  return value;
}

export function parseDuration(search: Source): number {
  let sec: number;
  try {
    sec = parseDurationSeconds(search.get('duration') ?? '5m');
  } catch (err) {
    throw new SignalsParamsError(err instanceof PromqlInputError ? err.message : 'invalid duration');
  }
  if (sec < 1 || sec > MAX_DURATION_SEC) throw new SignalsParamsError('duration must be between 1s and 6h');
  return sec;
}

export function parseQueryTime(search: Source): number | undefined {
  const raw = search.get('queryTime');
  if (raw === null || raw === '') return undefined;
  const t = Number(raw);
  if (!Number.isFinite(t) || t <= 0) throw new SignalsParamsError(`invalid queryTime "${raw.slice(0, 30)}": expected Unix seconds`);
  return t;
}

export function parseNamespaces(search: Source): string[] {
  const raw = search.get('namespaces');
  if (raw === null || raw.trim() === '') throw new SignalsParamsError('namespaces is required, e.g. namespaces=default,bookinfo');
  const list = [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  if (list.length === 0) throw new SignalsParamsError('namespaces is required, e.g. namespaces=default,bookinfo');
  if (list.length > MAX_NAMESPACES) throw new SignalsParamsError(`at most ${MAX_NAMESPACES} namespaces`);
  for (const n of list) parseName('namespace', n);
  return list;
}

/** The reporter a chart uses unless the user picks one: what the callers saw for a service's inbound
 * traffic (it includes requests that never reached a workload, such as fault-injected aborts) and for
 * outbound traffic; what the server saw for a workload's or app's inbound traffic. */
export function defaultReporter(kind: EntityKind, direction: Direction): Reporter {
  return kind === 'service' || direction === 'outbound' ? 'source' : 'destination';
}

export interface DetailParams {
  durationSec: number;
  direction: Direction;
  reporter: Reporter;
  split: boolean;
  queryTimeSec?: number;
}

export function parseDetailParams(kind: EntityKind, search: Source): DetailParams {
  const rawDir = search.get('direction') ?? 'inbound';
  if (rawDir !== 'inbound' && rawDir !== 'outbound') throw new SignalsParamsError(`invalid direction "${rawDir.slice(0, 20)}": expected inbound or outbound`);
  if (kind === 'service' && rawDir === 'outbound') throw new SignalsParamsError('a service has only inbound traffic; open one of its workloads for outbound traffic');
  const rawRep = search.get('reporter');
  if (rawRep !== null && rawRep !== '' && !(REPORTERS as readonly string[]).includes(rawRep)) {
    throw new SignalsParamsError(`invalid reporter "${rawRep.slice(0, 20)}": expected source or destination`);
  }
  const rawSplit = search.get('split');
  if (rawSplit !== null && rawSplit !== '' && !['true', 'false', '1', '0'].includes(rawSplit)) {
    throw new SignalsParamsError(`invalid split "${rawSplit.slice(0, 20)}": expected true or false`);
  }
  const queryTimeSec = parseQueryTime(search);
  return {
    durationSec: parseDuration(search),
    direction: rawDir,
    reporter: rawRep ? (rawRep as Reporter) : defaultReporter(kind, rawDir),
    split: rawSplit === 'true' || rawSplit === '1',
    ...(queryTimeSec !== undefined ? { queryTimeSec } : {}),
  };
}

export { ENTITY_KINDS };
