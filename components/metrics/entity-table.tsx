'use client';
import { IntentLink } from '@/components/ui/intent-link';
import { HealthBadge } from '@/components/ui/health-badge';
import { formatMs, formatPct, formatRps } from '@/lib/metrics/format';
import { detailHref, graphHref } from '@/lib/metrics/links';
import type { SortKey, TableState } from '@/lib/metrics/table';
import type { EntityKind, EntityRow } from '@/lib/metrics/types';
import type { GlobalParams } from '@/lib/url-state';
import { ConfigBadges } from './config-badges';

export interface EntityTableProps {
  kind: EntityKind;
  rows: EntityRow[];
  state: TableState;
  params: GlobalParams;
  onSort: (key: SortKey) => void;
}

const COLUMNS: Array<{ key: SortKey; label: string; num?: boolean; title?: string }> = [
  { key: 'name', label: 'Name' },
  { key: 'namespace', label: 'Namespace' },
  { key: 'health', label: 'Health', title: 'The graph\'s health rule over the selected window' },
  { key: 'inRps', label: 'Req/s in', num: true },
  { key: 'inErrorPct', label: 'Errors in', num: true, title: '4xx, 5xx and no response, % of inbound requests' },
  { key: 'inP95Ms', label: 'p95 in', num: true },
  { key: 'outRps', label: 'Req/s out', num: true },
  { key: 'outErrorPct', label: 'Errors out', num: true },
  { key: 'mtlsPct', label: 'mTLS', num: true, title: '% of destination-reported inbound requests over mutual TLS' },
];

/** The list as a sortable table; every row links to its detail page and to its node in the graph. */
export function EntityTable({ kind, rows, state, params, onSort }: EntityTableProps) {
  return (
    <table className="data" aria-label={`${kind}s`}>
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c.key} className={c.num ? 'num' : undefined} title={c.title}
              aria-sort={state.sort === c.key ? (state.desc ? 'descending' : 'ascending') : 'none'}>
              <button type="button" className="signals-sort" onClick={() => onSort(c.key)}>
                {c.label}{state.sort === c.key ? (state.desc ? ' ▼' : ' ▲') : ''}
              </button>
            </th>
          ))}
          <th>Config</th>
          <th>Graph</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.nodeId} data-row={r.nodeId}>
            <td><IntentLink href={detailHref(kind, r.namespace, r.name, params)}>{r.name}</IntentLink></td>
            <td>{r.namespace}</td>
            <td><HealthBadge status={r.health} /></td>
            <td className="num">{formatRps(r.inRps)}</td>
            <td className="num">{formatPct(r.inErrorPct)}</td>
            <td className="num">{formatMs(r.inP95Ms)}</td>
            <td className="num">{formatRps(r.outRps)}</td>
            <td className="num">{formatPct(r.outErrorPct)}</td>
            <td className="num">{formatPct(r.mtlsPct)}</td>
            <td><ConfigBadges badges={r.badges} /></td>
            <td><IntentLink href={graphHref(kind, r.namespace, r.name, params)} aria-label={`Show ${r.name} in the graph`}>Graph</IntentLink></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
