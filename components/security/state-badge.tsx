import type { PortState, WorkloadState } from '@/lib/security/effective-mode';
import { STATE_LABEL, stateTone } from '@/lib/security/labels';

export interface StateBadgeProps {
  state: WorkloadState | PortState;
}

export function StateBadge({ state }: StateBadgeProps) {
  return <span className={`sec-state sec-state--${stateTone(state)}`} data-state={state}>{STATE_LABEL[state]}</span>;
}
