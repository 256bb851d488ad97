'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/components/ui/fetch-json';
import { SEGMENT_OF_KIND } from '@/lib/metrics/links';
import type { Direction, EntityKind, EntityListResponse, OverviewResponse, Reporter, SignalsResponse } from '@/lib/metrics/types';
import { refreshIntervalMs, type GlobalParams } from '@/lib/url-state';

/** Query keys: [resource, ...identity, ...params], so a change of window or namespace is a new query. */
export const signalsKeys = {
  overview: (duration: string) => ['signals', 'overview', duration] as const,
  list: (kind: EntityKind, namespaces: string[], duration: string) => ['signals', 'list', kind, namespaces.join(','), duration] as const,
  detail: (kind: EntityKind, ns: string, name: string, o: DetailOptions, duration: string) =>
    ['signals', 'detail', kind, ns, name, o.direction, o.reporter ?? '', o.split, duration] as const,
};

export interface DetailOptions {
  direction: Direction;
  /** Undefined: the server's default for the kind and direction. */
  reporter?: Reporter;
  split: boolean;
}

/** mTLS status from the configuration per namespace (the security feature's /api/security/status). */
export interface MtlsPolicyStatus {
  namespaces: Array<{ namespace: string; status: 'enabled' | 'partial' | 'disabled' }>;
}

export function useMtlsPolicy() {
  return useQuery({
    queryKey: ['signals', 'mtls-policy'] as const,
    queryFn: ({ signal }) => fetchJson<MtlsPolicyStatus>('/api/security/status', { signal }),
    staleTime: 30_000,
  });
}

// keepPreviousData: a changed option keeps the old charts on screen until the new ones arrive.
export function useOverview(params: GlobalParams) {
  return useQuery({
    queryKey: signalsKeys.overview(params.duration),
    queryFn: ({ signal }) => fetchJson<OverviewResponse>(`/api/signals/overview?duration=${params.duration}`, { signal }),
    refetchInterval: refreshIntervalMs(params.refresh),
    placeholderData: keepPreviousData,
  });
}

export function useEntityList(kind: EntityKind, params: GlobalParams) {
  const q = new URLSearchParams({ namespaces: params.namespaces.join(','), duration: params.duration });
  return useQuery({
    queryKey: signalsKeys.list(kind, params.namespaces, params.duration),
    queryFn: ({ signal }) => fetchJson<EntityListResponse>(`/api/signals/${SEGMENT_OF_KIND[kind]}?${q.toString()}`, { signal }),
    refetchInterval: refreshIntervalMs(params.refresh),
    placeholderData: keepPreviousData,
  });
}

export function useSignals(kind: EntityKind, namespace: string, name: string, o: DetailOptions, params: GlobalParams) {
  const q = new URLSearchParams({ duration: params.duration, direction: o.direction, split: String(o.split) });
  if (o.reporter) q.set('reporter', o.reporter);
  const path = `/api/signals/${SEGMENT_OF_KIND[kind]}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}?${q.toString()}`;
  return useQuery({
    queryKey: signalsKeys.detail(kind, namespace, name, o, params.duration),
    queryFn: ({ signal }) => fetchJson<SignalsResponse>(path, { signal }),
    refetchInterval: refreshIntervalMs(params.refresh),
    placeholderData: keepPreviousData,
  });
}
