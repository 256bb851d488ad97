'use client';
import Link from 'next/link';
import { formatDuration } from '@/lib/jaeger/layout';
import type { TraceSummary } from '@/lib/jaeger/model';

export interface TraceListProps {
  traces: TraceSummary[];
  hrefFor: (traceId: string) => string;
}

/** One row per trace: root service and operation, spans, services touched, duration, errors. */
export function TraceList({ traces, hrefFor }: TraceListProps) {
  return (
    <table className="data trace-list">
      <thead>
        <tr>
          <th>Trace</th>
          <th>Started</th>
          <th className="num">Spans</th>
          <th>Services</th>
          <th className="num">Duration</th>
          <th className="num">Errors</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((t) => (
          <tr key={t.traceId} data-trace-id={t.traceId}>
            <td>
              <Link href={hrefFor(t.traceId)} prefetch={false}>
                <strong>{t.rootServiceName || 'unknown root'}</strong>: {t.rootOperationName}
              </Link>
              <div className="muted trace-list__id">{t.traceId.slice(0, 12)}</div>
            </td>
            <td>{new Date(t.startTimeUs / 1000).toLocaleTimeString()}</td>
            <td className="num">{t.spanCount}</td>
            <td>
              <span className="trace-list__services">
                {t.services.map((s) => (
                  <span key={s.name} className={`badge${s.errorSpanCount > 0 ? ' badge--error' : ''}`} title={`${s.spanCount} span(s)`}>
                    {s.name} ({s.spanCount})
                  </span>
                ))}
              </span>
            </td>
            <td className="num">{formatDuration(t.durationUs)}</td>
            <td className="num">{t.errorSpanCount > 0 ? <span className="badge badge--error">{t.errorSpanCount}</span> : 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
