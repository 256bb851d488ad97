'use client';
import { formatCount, formatDuration, formatTimestamp } from '@/lib/jaeger/layout';
import type { TraceBase, TraceTiming } from '@/lib/jaeger/view-model';

export interface TraceHeaderProps {
  base: TraceBase;
  timing: TraceTiming;
}

/** Trace name (root service: operation) and its numbers; a legend of service colours. */
export function TraceHeader({ base, timing }: TraceHeaderProps) {
  const { tree } = base;
  const root = tree.roots[0] !== undefined ? tree.spans[tree.roots[0]] : undefined;
  const errors = tree.spans.reduce((n, s) => n + (s.error ? 1 : 0), 0);
  return (
    <>
      <div className="trace-header">
        <h1>{root ? `${root.serviceName}: ${root.operationName}` : 'Empty trace'}</h1>
        <div className="trace-header__stats">
          <span>Trace <strong style={{ fontFamily: 'var(--mono)' }}>{tree.trace.traceId}</strong></span>
          <span>Start <strong>{formatTimestamp(timing.startBoundUs / 1000)}</strong></span>
          <span>Duration <strong>{formatDuration(timing.endBoundUs - timing.startBoundUs)}</strong></span>
          <span>Spans <strong>{formatCount(tree.spans.length)}</strong></span>
          <span>Services <strong>{base.services.length}</strong></span>
          <span>Depth <strong>{base.maxDepth + 1}</strong></span>
          <span>Errors <strong>{errors}</strong></span>
          {base.hops.length > 0 ? <span>Mesh hops <strong>{base.hops.length}</strong></span> : null}
        </div>
      </div>
      {tree.warnings.length > 0 ? (
        <div className="banner banner--warning" role="status">
          <div>
            <div className="banner__title">This trace is incomplete or irregular</div>
            <ul style={{ margin: 0, paddingLeft: 18 }}>{tree.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
          </div>
        </div>
      ) : null}
      <div className="trace-legend" aria-label="Service colours">
        {[...base.colors].slice(0, 30).map(([name, color]) => (
          <span key={name}><span className="trace-legend__swatch" style={{ background: color }} />{name}</span>
        ))}
      </div>
    </>
  );
}
