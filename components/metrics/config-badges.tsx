import type { ConfigBadges as Badges } from '@/lib/metrics/types';

export interface ConfigBadgesProps {
  badges: Badges;
}

/** VS / DR presence and validation findings of the config that applies to an entity. */
export function ConfigBadges({ badges }: ConfigBadgesProps) {
  const errors = badges.validation.filter((v) => v.severity === 'error');
  const warnings = badges.validation.filter((v) => v.severity === 'warning');
  const describe = (list: Badges['validation']) => list.map((v) => `${v.object}: ${v.message}`).join('\n');
  return (
    <span className="row signals-badges">
      {badges.virtualServices.length > 0 ? <span className="badge" title={`VirtualService ${badges.virtualServices.join(', ')}`}>VS</span> : null}
      {badges.destinationRules.length > 0 ? <span className="badge" title={`DestinationRule ${badges.destinationRules.join(', ')}`}>DR</span> : null}
      {errors.length > 0 ? <span className="badge badge--error" title={describe(errors)}>{errors.length} error{errors.length === 1 ? '' : 's'}</span> : null}
      {warnings.length > 0 ? <span className="badge badge--warning" title={describe(warnings)}>{warnings.length} warning{warnings.length === 1 ? '' : 's'}</span> : null}
    </span>
  );
}
