import { DetailPage } from '@/components/metrics/detail-page';

export const dynamic = 'force-dynamic';

export default function AppDetailPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  return <DetailPage kind="app" params={params} />;
}
