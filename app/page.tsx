import { Overview } from '@/components/overview/overview';

export const dynamic = 'force-dynamic';

export default function OverviewPage() {
  return (
    <main className="page">
      <h1>Overview</h1>
      <Overview />
    </main>
  );
}
