import { IntentLink } from '@/components/ui/intent-link';
import { EmptyState } from '@/components/ui/empty-state';

export default function NotFound() {
  return (
    <main className="page">
      <EmptyState title="Page not found">
        There is nothing at this address. <IntentLink href="/">Go to the overview</IntentLink>.
      </EmptyState>
    </main>
  );
}
