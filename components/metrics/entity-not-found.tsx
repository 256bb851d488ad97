import { IntentLink } from '@/components/ui/intent-link';
import { EmptyState } from '@/components/ui/empty-state';
import type { EntityKind } from '@/lib/metrics/types';
import { SEGMENT_OF_KIND } from '@/lib/metrics/links';
import { EXISTS_LOOKBACK_SEC } from '@/lib/metrics/detail';

/** What an unknown service / workload / app address shows (rendered by Next's notFound()). */
export function EntityNotFound({ kind }: { kind: EntityKind }) {
  return (
    <main className="page">
      <EmptyState title={`${kind[0]?.toUpperCase()}${kind.slice(1)} not found`}>
        Neither the configuration nor the last {EXISTS_LOOKBACK_SEC / 3600} hours of telemetry know this {kind}.{' '}
        <IntentLink href={`/${SEGMENT_OF_KIND[kind]}`}>See all {SEGMENT_OF_KIND[kind]}</IntentLink>.
      </EmptyState>
    </main>
  );
}
