import type { Disagreement } from '@/lib/security/disagreements';
import { KIND_LABEL, formatRate } from '@/lib/security/labels';

export interface DisagreementListProps {
  items: Disagreement[];
}

export function DisagreementList({ items }: DisagreementListProps) {
  return (
    <ul className="sec-disagreements" aria-label="Disagreements">
      {items.map((d, i) => (
        <li key={`${d.kind}-${d.workload ?? ''}-${d.caller ?? ''}-${i}`} className={`card sec-severity--${d.severity}`} data-kind={d.kind}>
          <div className="row">
            <span className={`badge${d.severity === 'info' ? '' : ` badge--${d.severity}`}`}>{d.severity}</span>
            <strong>{KIND_LABEL[d.kind]}</strong>
          </div>
          <div>{d.message}</div>
          <div className="sec-meta">
            {d.caller ? <span>Caller: <b data-testid="caller">{d.caller}</b>{d.callerCandidates ? ` (no sidecar in config: ${d.callerCandidates.join(', ')})` : ''}</span> : null}
            {d.workload ? <span>Workload: {d.workload}</span> : null}
            {d.rate !== undefined ? <span>{formatRate(d.rate)}/s</span> : null}
            {d.policies.length > 0 ? <span>Policies: <span className="sec-policy" data-testid="policies">{d.policies.join(', ')}</span></span> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
