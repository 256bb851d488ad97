import { TraceSearchPage } from '@/components/traces/trace-search-page';

export const dynamic = 'force-dynamic';

export default function TracesPage() {
  return <TraceSearchPage />;
}
