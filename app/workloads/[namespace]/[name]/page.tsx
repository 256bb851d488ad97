import { DetailPage } from '@/components/metrics/detail-page';

export const dynamic = 'force-dynamic';

export default function WorkloadDetailPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  return <DetailPage kind="workload" params={params} />;
}
