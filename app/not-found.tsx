import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export default function NotFound() {
  return (
    <main className="page">
      <EmptyState title="Page not found">
        There is nothing at this address. <Link href="/">Go to the overview</Link>.
      </EmptyState>
    </main>
  );
}
