/**
 * The global view state that lives in the URL on every page: namespaces, time window, refresh.
 * Pure parse/serialise so pages, links and tests agree on one format.
 */
import { isK8sName } from './prometheus/promql';

export const DURATIONS = ['1m', '5m', '10m', '30m', '1h', '3h', '6h'] as const;
export const REFRESHES = ['off', '5s', '10s', '15s', '30s', '1m'] as const;

export type DurationOption = (typeof DURATIONS)[number];
export type RefreshOption = (typeof REFRESHES)[number];

export interface GlobalParams {
  namespaces: string[];
  duration: DurationOption;
  refresh: RefreshOption;
}

export const DEFAULT_GLOBAL_PARAMS: GlobalParams = { namespaces: ['default'], duration: '5m', refresh: '15s' };

type ParamSource = { get(name: string): string | null };

/** Reads the global params, ignoring (not failing on) values that are not valid. */
export function readGlobalParams(search: ParamSource): GlobalParams {
  const rawNs = search.get('namespaces');
  const namespaces = rawNs === null
    ? DEFAULT_GLOBAL_PARAMS.namespaces
    : rawNs.split(',').map((s) => s.trim()).filter((s) => s !== '' && isK8sName(s));
  const duration = search.get('duration');
  const refresh = search.get('refresh');
  return {
    namespaces: namespaces.length > 0 ? [...new Set(namespaces)] : DEFAULT_GLOBAL_PARAMS.namespaces,
    duration: (DURATIONS as readonly string[]).includes(duration ?? '') ? (duration as DurationOption) : DEFAULT_GLOBAL_PARAMS.duration,
    refresh: (REFRESHES as readonly string[]).includes(refresh ?? '') ? (refresh as RefreshOption) : DEFAULT_GLOBAL_PARAMS.refresh,
  };
}

/** The query string for a path that carries the global params along (plus page-specific extras). */
export function withGlobalParams(path: string, params: GlobalParams, extra: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  search.set('namespaces', params.namespaces.join(','));
  search.set('duration', params.duration);
  search.set('refresh', params.refresh);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) search.set(k, v);
  return `${path}?${search.toString()}`;
}

/** Refresh interval in ms for react-query, or false when off. */
export function refreshIntervalMs(refresh: RefreshOption): number | false {
  if (refresh === 'off') return false;
  return refresh.endsWith('m') ? Number(refresh.slice(0, -1)) * 60_000 : Number(refresh.slice(0, -1)) * 1000;
}

export function durationSeconds(duration: DurationOption): number {
  const n = Number(duration.slice(0, -1));
  return duration.endsWith('h') ? n * 3600 : duration.endsWith('m') ? n * 60 : n;
}

export function durationLabel(duration: DurationOption): string {
  const n = Number(duration.slice(0, -1));
  const unit = duration.endsWith('h') ? 'hour' : 'minute';
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
