import { MESH_STATUS_LABEL, formatPercent } from '@/lib/security/labels';
import type { SecurityReport } from '@/lib/security/report';

export interface NamespaceTableProps {
  rows: SecurityReport['namespaceRows'];
}

export function NamespaceTable({ rows }: NamespaceTableProps) {
  return (
    <table className="data" aria-label="Namespaces">
      <thead>
        <tr>
          <th>Namespace</th>
          <th>Injection</th>
          <th>mTLS policy</th>
          <th className="num">STRICT ports</th>
          <th className="num">Inbound mTLS</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.namespace}>
            <td>{r.namespace}</td>
            <td>{r.injection ? 'enabled' : 'off'}</td>
            <td>{MESH_STATUS_LABEL[r.status]}</td>
            <td className="num">{r.strictPorts} / {r.totalPorts}</td>
            <td className="num">{formatPercent(r.observed?.mtlsPercent)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
