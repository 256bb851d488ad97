import { codeClass } from '@/lib/metrics/shape';
import { formatPct, formatRps } from '@/lib/metrics/format';
import type { CodeCount } from '@/lib/metrics/types';

export interface CodesTableProps {
  codes: CodeCount[];
}

/** The response codes and Envoy response flags behind the error chart, over the whole window. */
export function CodesTable({ codes }: CodesTableProps) {
  const total = codes.reduce((a, c) => a + c.rps, 0);
  if (codes.length === 0) return <p className="muted">No requests in this window.</p>;
  return (
    <table className="data" aria-label="Response codes and flags">
      <thead><tr><th>Code</th><th>Class</th><th>Response flags</th><th className="num">Req/s</th><th className="num">Share</th></tr></thead>
      <tbody>
        {codes.map((c) => (
          <tr key={`${c.code}|${c.flags}`}>
            <td>{c.code === '0' ? '0 (no response)' : c.code}</td>
            <td>{codeClass(c.code)}</td>
            <td><code>{c.flags}</code></td>
            <td className="num">{formatRps(c.rps)}</td>
            <td className="num">{formatPct(total > 0 ? (c.rps / total) * 100 : null)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
