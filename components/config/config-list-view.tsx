'use client';
import { useQuery } from '@tanstack/react-query';
import { IntentLink } from '@/components/ui/intent-link';
import { usePathname, useSearchParams } from '@/components/ui/navigation';
import { useCallback, useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { fetchJson } from '@/components/ui/fetch-json';
import { useGlobalParams } from '@/components/ui/use-global-params';
import type { ConfigList, ConfigListItem } from '@/lib/istio/config-view';
import { refreshIntervalMs, withGlobalParams } from '@/lib/url-state';
import { FindingTable } from './finding-table';
import { SeverityIcon } from './severity-icon';
import './config.css';

const SEVERITY_FILTERS = [
  { value: '', label: 'Any state' },
  { value: 'error', label: 'With errors' },
  { value: 'warning', label: 'With warnings' },
  { value: 'info', label: 'With notes' },
  { value: 'valid', label: 'Valid' },
] as const;

function matchesSeverity(item: ConfigListItem, severity: string): boolean {
  if (severity === '') return true;
  if (severity === 'valid') return item.worst === null;
  return item.counts[severity as 'error' | 'warning' | 'info'] > 0;
}

function Count({ n }: { n: number }) {
  return <td className={`config-count${n === 0 ? ' config-count--zero' : ''}`}>{n}</td>;
}

interface Filters {
  kind: string;
  namespace: string;
  severity: string;
}

/**
 * The page filters: React state (initialised from the URL) written back to the URL with
 * history.replaceState, so a filtered view can be shared and quick successive changes never undo each other.
 */
function useFilters(): [Filters, (changes: Partial<Filters>) => void] {
  const search = useSearchParams();
  const pathname = usePathname();
  const [filters, setFilters] = useState<Filters>(() => ({ kind: search.get('kind') ?? '', namespace: search.get('namespace') ?? '', severity: search.get('severity') ?? '' }));
  const update = useCallback(
    (changes: Partial<Filters>) => {
      setFilters((prev) => {
        const next = { ...prev, ...changes };
        const q = new URLSearchParams(window.location.search);
        for (const [k, v] of Object.entries(next)) {
          if (v) q.set(k, v);
          else q.delete(k);
        }
        window.history.replaceState(window.history.state, '', `${pathname}?${q.toString()}`);
        return next;
      });
    },
    [pathname],
  );
  return [filters, update];
}

/** Every Istio object of the config source with its validation state; filters by kind, namespace, severity. */
export function ConfigListView() {
  const [params] = useGlobalParams();
  const [{ kind, namespace, severity }, setFilter] = useFilters();
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: ['config-list'],
    queryFn: ({ signal }) => fetchJson<ConfigList>('/api/config', { signal }),
    refetchInterval: refreshIntervalMs(params.refresh),
  });
  if (error && !data) return <ErrorBanner what="the Istio config" error={error} />;
  if (!data) return <p className="muted">Loading the Istio config…</p>;
  const kinds = [...new Set(data.items.map((i) => i.kind))].sort();
  const namespaces = [...new Set(data.items.map((i) => i.namespace))].sort();
  const shown = data.items.filter((i) => (!kind || i.kind === kind) && (!namespace || i.namespace === namespace) && matchesSeverity(i, severity));
  const withErrors = data.items.filter((i) => i.counts.error > 0).length;
  const withWarnings = data.items.filter((i) => i.counts.error === 0 && i.counts.warning > 0).length;
  const valid = data.items.filter((i) => i.worst === null || i.worst === 'info').length;
  return (
    <>
      {error ? <ErrorBanner what="the Istio config" error={error} staleSince={dataUpdatedAt} /> : null}
      <div className="config-summary" aria-label="Validation summary">
        <span className="config-summary__item" data-testid="summary-objects">{data.items.length} objects</span>
        <span className="config-summary__item" data-testid="summary-errors"><SeverityIcon severity="error" /> {withErrors} with errors</span>
        <span className="config-summary__item" data-testid="summary-warnings"><SeverityIcon severity="warning" /> {withWarnings} with warnings</span>
        <span className="config-summary__item" data-testid="summary-valid"><SeverityIcon severity="valid" /> {valid} valid</span>
        <span className="config-source">from {data.origin}</span>
      </div>
      <div className="config-filters">
        <label>
          Kind
          <select aria-label="Filter by kind" value={kind} onChange={(e) => setFilter({ kind: e.target.value })}>
            <option value="">All kinds</option>
            {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
        <label>
          Namespace
          <select aria-label="Filter by namespace" value={namespace} onChange={(e) => setFilter({ namespace: e.target.value })}>
            <option value="">All namespaces</option>
            {namespaces.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label>
          State
          <select aria-label="Filter by state" value={severity} onChange={(e) => setFilter({ severity: e.target.value })}>
            {SEVERITY_FILTERS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </label>
      </div>
      {data.items.length === 0 ? (
        <EmptyState title="No Istio objects">{data.origin} holds no VirtualService, DestinationRule, Gateway, ServiceEntry, Sidecar or security policy.</EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title="Nothing matches the filters">{data.items.length} objects in total; change the kind, namespace or state filter.</EmptyState>
      ) : (
        <table className="data" aria-label="Istio objects">
          <thead>
            <tr>
              <th scope="col">State</th>
              <th scope="col">Kind</th>
              <th scope="col">Namespace</th>
              <th scope="col">Name</th>
              <th scope="col">Errors</th>
              <th scope="col">Warnings</th>
              <th scope="col">Notes</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={`${i.kind}/${i.namespace}/${i.name}`}>
                <td><SeverityIcon severity={i.worst ?? 'valid'} /></td>
                <td>{i.kind}</td>
                <td>{i.namespace}</td>
                <td>
                  <IntentLink href={withGlobalParams(`/config/${i.kind}/${encodeURIComponent(i.namespace)}/${encodeURIComponent(i.name)}`, params)}>{i.name}</IntentLink>
                </td>
                <Count n={i.counts.error} />
                <Count n={i.counts.warning} />
                <Count n={i.counts.info} />
                <td className="config-source">{i.file ? `${i.file.split('/').pop()}:${i.line}` : 'API'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.other.length > 0 ? (
        <section className="config-section">
          <h2>Files and objects outside the list</h2>
          <p className="muted">Documents that could not be read, notes on Kubernetes objects (Service ports), and kinds Meshscope does not validate.</p>
          <FindingTable findings={data.other} showObject />
        </section>
      ) : null}
    </>
  );
}
