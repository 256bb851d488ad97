'use client';
import { Banner } from '@/components/ui/banner';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { useGlobalParams } from '@/components/ui/use-global-params';
import { useMtlsPolicy, useOverview } from '@/components/metrics/use-signals';
import { durationLabel } from '@/lib/url-state';
import { NamespaceCard } from './namespace-card';
import '@/components/metrics/metrics.css';

/** A card per namespace the telemetry knows, over the selected window. */
export function Overview() {
  const [params] = useGlobalParams();
  const { data, error, dataUpdatedAt, isPending } = useOverview(params);
  // Optional: without a config source (or when it fails) the cards show the observed share only.
  const policy = useMtlsPolicy();
  const policyOf = (ns: string) => policy.data?.namespaces.find((n) => n.namespace === ns)?.status;
  return (
    <>
      <p className="muted">Health of the apps in each namespace over the last {durationLabel(params.duration)} (the graph&apos;s rule); click a namespace for its graph.</p>
      {error ? <ErrorBanner what="the overview" error={error} staleSince={data ? dataUpdatedAt : undefined} /> : null}
      {data?.trafficError ? <Banner kind="warning" title="Traffic charts unavailable">{data.trafficError}</Banner> : null}
      {isPending ? <p className="muted">Loading namespaces…</p> : null}
      {data && data.namespaces.length === 0 ? (
        <EmptyState title="No mesh traffic yet">Prometheus holds no istio_requests_total series.</EmptyState>
      ) : null}
      {data && data.namespaces.length > 0 ? (
        <div className="grid">
          {data.namespaces.map((s) => <NamespaceCard key={s.namespace} summary={s} params={params} mtlsPolicy={policyOf(s.namespace)} />)}
        </div>
      ) : null}
    </>
  );
}
