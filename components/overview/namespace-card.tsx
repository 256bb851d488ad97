'use client';
import { IntentLink } from '@/components/ui/intent-link';
import { HealthBadge } from '@/components/ui/health-badge';
import { HEALTH_LABEL } from '@/components/ui/health-badge';
import { formatPct, formatRps } from '@/lib/metrics/format';
import { namespaceGraphHref } from '@/lib/metrics/links';
import type { NamespaceSummary } from '@/lib/metrics/types';
import type { GlobalParams } from '@/lib/url-state';
import { Sparkline } from './sparkline';

export interface NamespaceCardProps {
  summary: NamespaceSummary;
  params: GlobalParams;
  /** mTLS status from the configuration (STRICT everywhere / some / none), when known. */
  mtlsPolicy?: 'enabled' | 'partial' | 'disabled';
}

const POLICY_WORDS = { enabled: 'mTLS enforced', partial: 'mTLS partly enforced', disabled: 'mTLS not enforced' } as const;

const ORDER = ['failing', 'degraded', 'healthy', 'idle'] as const;

/** One namespace: app health counts, rps, error %, mTLS %, traffic; the whole card opens its graph. */
export function NamespaceCard({ summary, params, mtlsPolicy }: NamespaceCardProps) {
  const s = summary;
  return (
    <IntentLink className="card overview-card" href={namespaceGraphHref(s.namespace, params)} aria-label={`Namespace ${s.namespace}: open its graph`} data-namespace={s.namespace}>
      <span className="overview-card__title">{s.namespace}</span>
      <span className="overview-card__health" aria-label="Apps by health">
        {ORDER.map((h) => (
          <span key={h} title={`${s.health[h]} app${s.health[h] === 1 ? '' : 's'} ${HEALTH_LABEL[h].toLowerCase()}`}>
            <HealthBadge status={h} showLabel={false} /> {s.health[h]} {HEALTH_LABEL[h].toLowerCase()}
          </span>
        ))}
      </span>
      <span className="overview-card__numbers">
        <span><strong>{formatRps(s.rps)}</strong> req/s</span>
        <span><strong>{formatPct(s.errorPct)}</strong> errors</span>
        <span title="Share of the requests into the namespace that were mutual TLS"><strong>{formatPct(s.mtlsPct)}</strong> mTLS observed</span>
      </span>
      {mtlsPolicy ? <span className={`badge${mtlsPolicy === 'disabled' ? ' badge--warning' : ''}`} title="From the PeerAuthentication policies">{POLICY_WORDS[mtlsPolicy]}</span> : null}
      {s.traffic.length > 1 ? <Sparkline points={s.traffic} label={`Requests per second into ${s.namespace}`} /> : <span className="muted">No requests into this namespace in the window.</span>}
    </IntentLink>
  );
}
