'use client';
import { useQuery } from '@tanstack/react-query';
import { IntentLink } from '@/components/ui/intent-link';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { fetchJson } from '@/components/ui/fetch-json';
import { useGlobalParams } from '@/components/ui/use-global-params';
import type { ConfigDetail } from '@/lib/istio/config-view';
import { refreshIntervalMs, withGlobalParams } from '@/lib/url-state';
import { FindingTable } from './finding-table';
import { SeverityIcon } from './severity-icon';
import { YamlView } from './yaml-view';
import './config.css';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One Istio object: its YAML with the offending lines marked and the messages beside them. */
export function ConfigDetailView({ kind, namespace, name }: { kind: string; namespace: string; name: string }) {
  const [params] = useGlobalParams();
  const url = `/api/config/${encodeURIComponent(kind)}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: ['config-detail', kind, namespace, name],
    queryFn: ({ signal }) => fetchJson<ConfigDetail>(url, { signal }),
    refetchInterval: refreshIntervalMs(params.refresh),
  });
  const back = <p><IntentLink href={withGlobalParams('/config', params)}>← All Istio config</IntentLink></p>;
  if (error && !data) return <>{back}<ErrorBanner what={`${kind} ${namespace}/${name}`} error={error} /></>;
  if (!data) return <>{back}<p className="muted">Loading {kind} {namespace}/{name}…</p></>;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of data.findings) counts[f.severity]++;
  return (
    <>
      {back}
      {error ? <ErrorBanner what={`${kind} ${namespace}/${name}`} error={error} staleSince={dataUpdatedAt} /> : null}
      <div className="config-summary" aria-label="Validation summary">
        {data.findings.length === 0 ? (
          <span className="config-summary__item"><SeverityIcon severity="valid" withLabel /></span>
        ) : (
          <>
            <span className="config-summary__item"><SeverityIcon severity="error" /> {plural(counts.error, 'error')}</span>
            <span className="config-summary__item"><SeverityIcon severity="warning" /> {plural(counts.warning, 'warning')}</span>
            <span className="config-summary__item"><SeverityIcon severity="info" /> {plural(counts.info, 'note')}</span>
          </>
        )}
        <span className="config-source">{data.apiVersion} · {data.file ? `${data.file}:${data.firstLine}` : data.origin}</span>
      </div>
      <YamlView yaml={data.yaml} firstLine={data.firstLine} findings={data.findings} />
      <section className="config-section">
        <h2>Findings</h2>
        {data.findings.length === 0 ? <EmptyState title="No problems found">Every reference of this {kind} resolves and no check reports anything.</EmptyState> : <FindingTable findings={data.findings} />}
      </section>
    </>
  );
}
