import { formatPercent, formatRate } from '@/lib/security/labels';
import type { SecurityReport } from '@/lib/security/report';
import { StateBadge } from './state-badge';

export interface WorkloadTableProps {
  workloads: SecurityReport['workloads'];
}

/** Effective mode per workload and port (with the deciding policy), client TLS, observed inbound mTLS. */
export function WorkloadTable({ workloads }: WorkloadTableProps) {
  return (
    <table className="data" aria-label="Workloads">
      <thead>
        <tr>
          <th>Workload</th>
          <th>Effective mTLS</th>
          <th>Per port</th>
          <th>Client TLS (DestinationRules)</th>
          <th className="num">Inbound req/s</th>
          <th className="num">Inbound mTLS</th>
        </tr>
      </thead>
      <tbody>
        {workloads.map((w) => (
          <tr key={`${w.namespace}/${w.name}`} data-workload={`${w.namespace}/${w.name}`}>
            <td>{w.namespace}/{w.name}</td>
            <td><StateBadge state={w.state} /></td>
            <td>
              <div className="sec-ports">
                {w.ports.length === 0 ? <span className="muted">no Service port · {w.defaultMode}</span> : null}
                {w.ports.map((p) => (
                  <span key={p.port} data-port={p.port}>
                    {p.port}: <StateBadge state={p.state} />{' '}
                    <span className="sec-policy">{p.policy ?? 'Istio default'}</span>
                  </span>
                ))}
              </div>
            </td>
            <td>
              {w.ports.flatMap((p) => p.clientTls.map((c) => (
                <div key={`${p.port}-${c.policy}-${c.mode}`} className="sec-policy">{p.port}: {c.mode} · {c.policy}{c.subset ? ` (${c.subset})` : ''}</div>
              )))}
              {w.ports.every((p) => p.clientTls.length === 0) ? <span className="muted">auto mTLS</span> : null}
            </td>
            <td className="num">{w.observed ? formatRate(w.observed.rate) : '—'}</td>
            <td className="num" data-testid="workload-mtls">{formatPercent(w.observed?.mtlsPercent)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
