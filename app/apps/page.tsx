import { EntityList } from '@/components/metrics/entity-list';

export const dynamic = 'force-dynamic';

export default function AppsPage() {
  return (
    <main className="page">
      <EntityList kind="app" />
    </main>
  );
}
