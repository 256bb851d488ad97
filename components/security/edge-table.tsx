import { formatPercent, formatRate } from '@/lib/security/labels';
import type { SecurityReport } from '@/lib/security/report';
import { LockIcon } from './lock-icon';

export interface EdgeTableProps {
  edges: SecurityReport['edges'];
}

const VERDICT = { allowed: 'allowed', denied: 'denied', depends: 'depends on method/path' } as const;

/** Caller → workload pairs as the destination reported them: rate, mTLS share, RBAC denials. */
export function EdgeTable({ edges }: EdgeTableProps) {
  return (
    <table className="data" aria-label="Traffic">
      <thead>
        <tr>
          <th>Caller</th>
          <th>Workload</th>
          <th>Protocol</th>
          <th className="num">Rate/s</th>
          <th className="num">mTLS</th>
          <th className="num">Denied (403)/s</th>
          <th>Policies say now</th>
        </tr>
      </thead>
      <tbody>
        {edges.map((e) => (
          <tr key={`${e.protocol}|${e.source.namespace}/${e.source.workload}|${e.source.principal}|${e.destination.namespace}/${e.destination.workload}`}>
            <td>{e.source.workload === 'unknown' ? 'unknown (no identity)' : `${e.source.namespace}/${e.source.workload}`}</td>
            <td>{e.destination.namespace}/{e.destination.workload}</td>
            <td>{e.protocol}</td>
            <td className="num">{formatRate(e.rate)}</td>
            <td className="num">{e.mtlsRate > 0 ? <LockIcon title="mutual TLS" /> : null} {formatPercent(e.mtlsPercent)}</td>
            <td className="num">{formatRate(e.deniedRate)}</td>
            <td>
              {e.authz ? VERDICT[e.authz.verdict] : <span className="muted">—</span>}
              {e.authz && e.authz.verdict !== 'allowed' ? <div className="sec-policy">{e.authz.deniedBy.join(', ')}</div> : null}
              {e.authz && e.authz.verdict !== 'denied' && e.authz.allowedBy.length > 0 ? <div className="sec-policy">by {e.authz.allowedBy.join(', ')}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
