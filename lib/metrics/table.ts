/** Sorting and filtering of the entity lists (pure, so the component only renders). */
import type { HealthStatus } from '../health/rules';
import type { EntityRow } from './types';

export const SORT_KEYS = ['name', 'namespace', 'health', 'inRps', 'inErrorPct', 'inP95Ms', 'outRps', 'outErrorPct', 'mtlsPct'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface TableState {
  sort: SortKey;
  desc: boolean;
  /** Substring of the name (case-insensitive). */
  filter: string;
  /** Only rows with this health; 'all' for every row. */
  health: HealthStatus | 'all';
}

const HEALTH_ORDER: Record<HealthStatus, number> = { failing: 3, degraded: 2, healthy: 1, idle: 0 };

function value(row: EntityRow, key: SortKey): number | string | null {
  switch (key) {
    case 'name': return row.name;
    case 'namespace': return row.namespace;
    case 'health': return HEALTH_ORDER[row.health];
    default: return row[key];
  }
}

/** Filters, then sorts; nulls (no data) always last; ties by namespace and name. */
export function applyTable(rows: readonly EntityRow[], state: TableState): EntityRow[] {
  const needle = state.filter.trim().toLowerCase();
  const kept = rows.filter((r) => (needle === '' || r.name.toLowerCase().includes(needle)) && (state.health === 'all' || r.health === state.health));
  const dir = state.desc ? -1 : 1;
  return kept.sort((a, b) => {
    const va = value(a, state.sort);
    const vb = value(b, state.sort);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    let c = 0;
    if (typeof va === 'string' && typeof vb === 'string') c = va.localeCompare(vb);
    else if (typeof va === 'number' && typeof vb === 'number') c = va - vb;
    if (c !== 0) return c * dir;
    return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
  });
}

export function parseTableState(search: { get(k: string): string | null }): TableState {
  const sort = search.get('sort');
  const health = search.get('health');
  return {
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : 'name',
    desc: search.get('desc') === 'true',
    filter: search.get('filter') ?? '',
    health: health === 'healthy' || health === 'degraded' || health === 'failing' || health === 'idle' ? health : 'all',
  };
}

export function healthCounts(rows: readonly EntityRow[]): Record<HealthStatus, number> {
  const out: Record<HealthStatus, number> = { healthy: 0, degraded: 0, failing: 0, idle: 0 };
  for (const r of rows) out[r.health] += 1;
  return out;
}
