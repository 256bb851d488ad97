import { preload } from 'react-dom';
import { TraceDetailPage } from '@/components/traces/trace-detail-page';
import { isTraceIdParam } from '@/lib/jaeger/ids';

export const dynamic = 'force-dynamic';

export default async function TracePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const traceId = decodeURIComponent(id);
  // Start fetching the trace with the HTML, while the page's JavaScript loads; the client's fetch
  // of the same URL is then answered from the preload.
  if (isTraceIdParam(traceId)) preload(`/api/traces/${encodeURIComponent(traceId)}`, { as: 'fetch', crossOrigin: 'anonymous' });
  return <TraceDetailPage traceId={traceId} />;
}
