import type { Finding } from '@/lib/istio/validate';
import { SeverityIcon } from './severity-icon';

/** Findings as a table: severity, code, (object), field path, message, file:line. */
export function FindingTable({ findings, showObject = false, label = 'Findings' }: { findings: readonly Finding[]; showObject?: boolean; label?: string }) {
  return (
    <table className="data" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Code</th>
          {showObject ? <th scope="col">Object</th> : null}
          <th scope="col">Field</th>
          <th scope="col">Message</th>
          <th scope="col">Where</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f, i) => (
          <tr key={`${f.code}-${f.path}-${i}`}>
            <td><SeverityIcon severity={f.severity} withLabel /></td>
            <td><code>{f.code}</code></td>
            {showObject ? <td>{f.kind ? `${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name}` : f.name}</td> : null}
            <td><code>{f.path || '—'}</code></td>
            <td>{f.message}</td>
            <td className="config-source">{f.file ? `${f.file.split('/').pop()}:${f.line ?? 1}` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
