'use client';
import Link from 'next/link';
import { codeClass, codeRows } from '@/lib/graph/edge-details';
import { nodeName } from '@/lib/graph/elements';
import { formatBytesPerSec, formatErrorRate, formatMs, formatPercent, formatRps } from '@/lib/graph/format';
import { edgeTracesHref } from '@/lib/graph/links';
import { securityText } from '@/lib/graph/security';
import type { GraphEdge, GraphNode } from '@/lib/graph/types';
import { HealthBadge } from '@/components/ui/health-badge';

export interface EdgePanelProps {
  edge: GraphEdge;
  source?: GraphNode;
  target?: GraphNode;
}

export function EdgePanel({ edge, source, target }: EdgePanelProps) {
  const from = source ? nodeName(source) : edge.source;
  const to = target ? nodeName(target) : edge.target;
  const traces = edgeTracesHref(edge, source, target);
  const tcp = edge.protocol === 'tcp';
  const rows = codeRows(edge);
  return (
    <section aria-label={`Edge ${from} to ${to}`}>
      <h2>{from} → {to}</h2>
      <p className="muted">{edge.protocol.toUpperCase()}{edge.hosts.length ? ` · ${edge.hosts.join(', ')}` : ''}</p>
      <HealthBadge status={edge.health} />
      <table className="data graph-panel__table">
        <tbody>
          <tr><th scope="row">{tcp ? 'Bytes/s' : 'Requests/s'}</th><td className="num">{tcp ? formatBytesPerSec(edge.rps) : formatRps(edge.rps)}</td></tr>
          <tr><th scope="row">Share of {from}&apos;s outbound</th><td className="num">{formatPercent(edge.percentOfSource)}</td></tr>
          {tcp ? (
            <>
              <tr><th scope="row">Sent by {from}</th><td className="num">{formatBytesPerSec(edge.tcpReceivedBps ?? 0)}</td></tr>
              <tr><th scope="row">Sent back by {to}</th><td className="num">{formatBytesPerSec(edge.tcpSentBps ?? 0)}</td></tr>
            </>
          ) : (
            <>
              <tr><th scope="row">Errors</th><td className="num">{formatErrorRate(edge.errorRate)}</td></tr>
              <tr><th scope="row">p50</th><td className="num">{formatMs(edge.p50)}</td></tr>
              <tr><th scope="row">p95</th><td className="num">{formatMs(edge.p95)}</td></tr>
              <tr><th scope="row">p99</th><td className="num">{formatMs(edge.p99)}</td></tr>
            </>
          )}
          <tr><th scope="row">mTLS</th><td className="num">{edge.mtlsPercent === null ? '–' : formatPercent(edge.mtlsPercent)} <span className="muted">({securityText(edge)})</span></td></tr>
        </tbody>
      </table>
      {!tcp && rows.length > 0 ? (
        <>
          <h3>Response codes and flags</h3>
          <table className="data graph-panel__table" aria-label="Response codes">
            <thead><tr><th>Code</th><th>Flags</th><th className="num">Req/s</th><th className="num">Share</th></tr></thead>
            <tbody>
              {rows.flatMap((r) => r.flags.map((f, i) => (
                <tr key={`${r.code}-${f.flag}`} className={r.isError ? 'graph-panel__error-row' : undefined}>
                  {i === 0 ? <td rowSpan={r.flags.length}>{r.code} <span className="muted">{codeClass(edge.protocol, r.code)}</span></td> : null}
                  <td>{f.flag}</td>
                  <td className="num">{formatRps(f.rps)}</td>
                  {i === 0 ? <td className="num" rowSpan={r.flags.length}>{formatPercent(r.percent)}</td> : null}
                </tr>
              )))}
            </tbody>
          </table>
        </>
      ) : null}
      <div className="row graph-panel__links">
        {traces ? <Link href={traces} prefetch={false}>Traces across this edge</Link> : null}
      </div>
    </section>
  );
}
