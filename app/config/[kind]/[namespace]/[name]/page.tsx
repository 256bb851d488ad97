import { ConfigDetailView } from '@/components/config/config-detail-view';

export const dynamic = 'force-dynamic';

export default async function ConfigObjectPage({ params }: { params: Promise<{ kind: string; namespace: string; name: string }> }) {
  const { kind, namespace, name } = await params;
  const k = decodeURIComponent(kind);
  const ns = decodeURIComponent(namespace);
  const n = decodeURIComponent(name);
  return (
    <main className="page">
      <h1>
        {k} {ns}/{n}
      </h1>
      <ConfigDetailView kind={k} namespace={ns} name={n} />
    </main>
  );
}
