import { EntityList } from '@/components/metrics/entity-list';

export const dynamic = 'force-dynamic';

export default function WorkloadsPage() {
  return (
    <main className="page">
      <EntityList kind="workload" />
    </main>
  );
}
