'use client';
import { useMemo } from 'react';
import { useSearchParams } from '@/components/ui/navigation';
import { Banner } from '@/components/ui/banner';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { HEALTH_LABEL } from '@/components/ui/health-badge';
import { useGlobalParams, useUrlParamSetter } from '@/components/ui/use-global-params';
import { applyTable, healthCounts, parseTableState, type SortKey } from '@/lib/metrics/table';
import type { EntityKind } from '@/lib/metrics/types';
import { durationLabel } from '@/lib/url-state';
import { EntityTable } from './entity-table';
import { useEntityList } from './use-signals';
import './metrics.css';

export interface EntityListProps {
  kind: EntityKind;
}

const TITLES: Record<EntityKind, string> = { service: 'Services', workload: 'Workloads', app: 'Apps' };

/** Services / workloads / apps of the selected namespaces, filterable and sortable (state in the URL). */
export function EntityList({ kind }: EntityListProps) {
  const [params] = useGlobalParams();
  const search = useSearchParams();
  const setUrl = useUrlParamSetter();
  const state = useMemo(() => parseTableState(search), [search]);
  const { data, error, dataUpdatedAt, isPending } = useEntityList(kind, params);
  const rows = useMemo(() => (data ? applyTable(data.rows, state) : []), [data, state]);
  const counts = useMemo(() => healthCounts(data?.rows ?? []), [data]);
  const onSort = (key: SortKey) => setUrl({ sort: key, desc: state.sort === key ? String(!state.desc) : String(key !== 'name' && key !== 'namespace') });

  return (
    <>
      <h1>{TITLES[kind]}</h1>
      <div className="signals-toolbar">
        <label>
          Filter
          <input type="search" aria-label={`Filter ${TITLES[kind].toLowerCase()} by name`} placeholder="name contains…" value={state.filter}
            onChange={(e) => setUrl({ filter: e.target.value === '' ? null : e.target.value })} />
        </label>
        <label>
          Health
          <select aria-label="Filter by health" value={state.health} onChange={(e) => setUrl({ health: e.target.value === 'all' ? null : e.target.value })}>
            <option value="all">All</option>
            {(['healthy', 'degraded', 'failing', 'idle'] as const).map((h) => <option key={h} value={h}>{HEALTH_LABEL[h]} ({counts[h]})</option>)}
          </select>
        </label>
        <span className="muted">{params.namespaces.join(', ')} · last {durationLabel(params.duration)}</span>
      </div>
      {error ? <ErrorBanner what={`the ${TITLES[kind].toLowerCase()}`} error={error} staleSince={data ? dataUpdatedAt : undefined} /> : null}
      {data?.warnings.map((w) => <Banner key={w} kind="warning" title="Partial information">{w}</Banner>)}
      {isPending ? <p className="muted">Loading {TITLES[kind].toLowerCase()}…</p> : null}
      {data && data.rows.length === 0 ? (
        <EmptyState title={`No ${TITLES[kind].toLowerCase()} with requests in the last ${durationLabel(params.duration)}`}>
          Neither the telemetry nor the configuration shows any in {params.namespaces.join(', ')}.
        </EmptyState>
      ) : null}
      {data && data.rows.length > 0 ? (
        rows.length > 0 ? <EntityTable kind={kind} rows={rows} state={state} params={params} onSort={onSort} />
          : <EmptyState title="Nothing matches the filter">{data.rows.length} {TITLES[kind].toLowerCase()} hidden by the filter.</EmptyState>
      ) : null}
    </>
  );
}
