import { GraphPage } from '@/components/graph/graph-page';

export const dynamic = 'force-dynamic';

export const metadata = { title: 'Graph · Meshscope' };

export default function Page() {
  return <GraphPage />;
}
