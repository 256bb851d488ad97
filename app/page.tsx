import { NamespaceList } from '@/components/overview/namespace-list';

export const dynamic = 'force-dynamic';

export default function OverviewPage() {
  return (
    <main className="page">
      <h1>Overview</h1>
      <NamespaceList />
    </main>
  );
}
