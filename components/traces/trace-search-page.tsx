'use client';
import { useRouter } from 'next/navigation';
import { useSearchParams } from '@/components/ui/navigation';
import { useMemo } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { useGlobalParams, useUrlParamSetter } from '@/components/ui/use-global-params';
import { formChanges, readSearchForm, searchApiUrl, type SearchForm as SearchFormValues } from '@/lib/jaeger/search-url';
import { withGlobalParams } from '@/lib/url-state';
import { JaegerBanner } from './jaeger-banner';
import { SearchForm } from './search-form';
import { TraceList } from './trace-list';
import { TraceScatter } from './trace-scatter';
import { useTraceSearch, useTraceServices } from './use-traces';
import './traces.css';

/** /traces: the search form (state in the URL), a duration scatter and the result list. */
export function TraceSearchPage() {
  const search = useSearchParams();
  const router = useRouter();
  const [globals] = useGlobalParams();
  const setUrl = useUrlParamSetter();
  const form = useMemo(() => readSearchForm(search), [search]);
  const apiUrl = searchApiUrl(form);
  const services = useTraceServices();
  const result = useTraceSearch(apiUrl);
  const hrefFor = (id: string) => withGlobalParams(`/traces/${id}`, globals);
  const backendError = result.error ?? services.error;
  const traces = result.data?.traces;

  return (
    <main className="page traces-page">
      <h1>Traces</h1>
      <JaegerBanner error={backendError} staleSince={result.error && traces ? result.dataUpdatedAt : undefined} />
      <SearchForm
        value={form}
        onSubmit={(next: SearchFormValues) => {
          // the same search again means "refresh": the URL would not change, so refetch
          if (searchApiUrl(next) === apiUrl && apiUrl !== null) void result.refetch();
          else setUrl(formChanges(next));
        }}
      />
      {apiUrl === null ? (
        <EmptyState title="Choose a service to search its traces">
          Istio names trace services <code>&lt;app&gt;.&lt;namespace&gt;</code>, e.g. productpage.default.
        </EmptyState>
      ) : result.isPending ? (
        <p className="muted">Searching…</p>
      ) : traces && traces.length === 0 ? (
        <EmptyState title="No traces found">
          Nothing matched in this time range. Widen the lookback, loosen the filters, or check the service is sampled.
        </EmptyState>
      ) : traces ? (
        <>
          <p className="muted" aria-live="polite">{traces.length} trace{traces.length === 1 ? '' : 's'} found</p>
          <TraceScatter traces={traces} onOpen={(id) => router.push(hrefFor(id))} />
          <TraceList traces={traces} hrefFor={hrefFor} />
        </>
      ) : null}
    </main>
  );
}
