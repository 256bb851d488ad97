import { DetailPage } from '@/components/metrics/detail-page';

export const dynamic = 'force-dynamic';

export default function ServiceDetailPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  return <DetailPage kind="service" params={params} />;
}
