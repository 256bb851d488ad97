import type { HealthStatus } from '@/lib/health/rules';

export interface HealthBadgeProps {
  status: HealthStatus;
  /** Show the word next to the dot (default true). */
  showLabel?: boolean;
}

export const HEALTH_LABEL: Record<HealthStatus, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  failing: 'Failing',
  idle: 'No traffic',
};

export function HealthBadge({ status, showLabel = true }: HealthBadgeProps) {
  return (
    <span className={`health health--${status}`} title={HEALTH_LABEL[status]} data-health={status}>
      <span className="health__dot" aria-hidden="true" />
      {showLabel ? <span>{HEALTH_LABEL[status]}</span> : <span className="visually-hidden">{HEALTH_LABEL[status]}</span>}
    </span>
  );
}
