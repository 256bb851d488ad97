'use client';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { ErrorBanner } from '@/components/ui/error-banner';
import { EmptyState } from '@/components/ui/empty-state';
import { fetchJson } from '@/components/ui/fetch-json';
import { useGlobalParams } from '@/components/ui/use-global-params';
import { withGlobalParams } from '@/lib/url-state';

/** The namespaces telemetry knows, each a link to its graph. */
export function NamespaceList() {
  const [params] = useGlobalParams();
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: ['namespaces'],
    queryFn: () => fetchJson<{ namespaces: string[] }>('/api/namespaces'),
  });
  if (error && !data) return <ErrorBanner what="the namespaces" error={error} />;
  if (!data) return <p className="muted">Loading namespaces…</p>;
  if (data.namespaces.length === 0) {
    return <EmptyState title="No mesh traffic yet">Prometheus holds no istio_requests_total series.</EmptyState>;
  }
  return (
    <>
      {error ? <ErrorBanner what="the namespaces" error={error} staleSince={dataUpdatedAt} /> : null}
      <div className="grid">
        {data.namespaces.map((ns) => (
          <Link key={ns} className="card" href={withGlobalParams('/graph', { ...params, namespaces: [ns] })}>
            <strong>{ns}</strong>
          </Link>
        ))}
      </div>
    </>
  );
}
