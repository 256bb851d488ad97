import { EntityList } from '@/components/metrics/entity-list';

export const dynamic = 'force-dynamic';

export default function ServicesPage() {
  return (
    <main className="page">
      <EntityList kind="service" />
    </main>
  );
}
