'use client';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { ApiError } from '@/components/ui/fetch-json';
import { useGlobalParams } from '@/components/ui/use-global-params';
import { withGlobalParams } from '@/lib/url-state';
import { JaegerBanner } from './jaeger-banner';
import { TraceView } from './trace-view';
import { useTrace } from './use-traces';
import './traces.css';

export interface TraceDetailPageProps {
  traceId: string;
}

/** /traces/[id]: loads the trace, then the waterfall; a not-found view for unknown ids. */
export function TraceDetailPage({ traceId }: TraceDetailPageProps) {
  const [globals] = useGlobalParams();
  const { data, error } = useTrace(traceId);
  const back = <Link href={withGlobalParams('/traces', globals)} prefetch={false}>← Back to trace search</Link>;
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return (
      <main className="page">
        <h1>Trace not found</h1>
        <EmptyState title={`No trace with id ${traceId}`}>
          {error.status === 400 ? error.message : 'Jaeger does not know this trace id: it may have expired from storage, or not been sampled.'} {back}
        </EmptyState>
      </main>
    );
  }
  return (
    <main className="page page--wide">
      <div className="row" style={{ marginBottom: 6 }}>{back}</div>
      <JaegerBanner error={error} />
      {data ? <TraceView trace={data.trace} /> : error ? null : <p className="muted">Loading trace {traceId}…</p>}
    </main>
  );
}
