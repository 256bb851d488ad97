'use client';
import { useQuery } from '@tanstack/react-query';
import { Banner } from '@/components/ui/banner';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { fetchJson } from '@/components/ui/fetch-json';
import { useGlobalParams } from '@/components/ui/use-global-params';
import type { SecurityReport } from '@/lib/security/report';
import { refreshIntervalMs } from '@/lib/url-state';
import { DisagreementList } from './disagreement-list';
import { EdgeTable } from './edge-table';
import { MeshSummary } from './mesh-summary';
import { NamespaceTable } from './namespace-table';
import { WorkloadTable } from './workload-table';
import './security.css';

/** The security review: what policy says (effective modes) against what traffic shows. */
export function SecurityView() {
  const [params] = useGlobalParams();
  const search = new URLSearchParams({ namespaces: params.namespaces.join(','), duration: params.duration });
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: ['security', params.namespaces, params.duration],
    queryFn: ({ signal }) => fetchJson<SecurityReport>(`/api/security?${search.toString()}`, { signal }),
    refetchInterval: refreshIntervalMs(params.refresh),
  });
  if (error && !data) return <ErrorBanner what="the security review" error={error} />;
  if (!data) return <p className="muted">Loading the security review…</p>;
  return (
    <>
      {error ? <ErrorBanner what="the security review" error={error} staleSince={dataUpdatedAt} /> : null}
      {data.warnings.map((w) => <Banner key={w} kind="warning" title="Note">{w}</Banner>)}
      <MeshSummary report={data} />
      <section className="security-section">
        <h2>Disagreements between policy and traffic</h2>
        {data.disagreements.length === 0
          ? <EmptyState title="No disagreements">Policies and the traffic of the last {params.duration} agree.</EmptyState>
          : <DisagreementList items={data.disagreements} />}
      </section>
      <section className="security-section">
        <h2>Namespaces</h2>
        <NamespaceTable rows={data.namespaceRows} />
      </section>
      <section className="security-section">
        <h2>Workloads</h2>
        {data.workloads.length === 0
          ? <EmptyState title="No workloads in the configuration">The config source holds no workloads in {params.namespaces.join(', ')}.</EmptyState>
          : <WorkloadTable workloads={data.workloads} />}
      </section>
      <section className="security-section">
        <h2>Observed traffic (destination-reported)</h2>
        {data.edges.length === 0
          ? <EmptyState title="No traffic in the window">Prometheus holds no destination-reported Istio traffic for these namespaces in the last {params.duration}.</EmptyState>
          : <EdgeTable edges={data.edges} />}
      </section>
    </>
  );
}
