import { TraceDetailPage } from '@/components/traces/trace-detail-page';

export const dynamic = 'force-dynamic';

export default async function TracePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TraceDetailPage traceId={decodeURIComponent(id)} />;
}
