'use client';
import { memo } from 'react';
import { barGeometry, formatDuration, type TimeWindow } from '@/lib/jaeger/layout';
import type { CriticalSection } from '@/lib/jaeger/critical-path';
import type { MeshHop, UnansweredCall } from '@/lib/jaeger/istio';
import type { Span } from '@/lib/jaeger/model';

export const ROW_HEIGHT = 24;

export interface SpanRowProps {
  index: number;
  top: number;
  span: Span;
  depth: number;
  startUs: number;
  deltaUs: number;
  color: string;
  view: TimeWindow;
  hasChildren: boolean;
  collapsed: boolean;
  selected: boolean;
  match: boolean;
  descendantError: boolean;
  /** The hop this span is the client of, with the server span's start and duration (flat, so memo holds). */
  hop?: MeshHop;
  serverStartUs?: number;
  serverDurationUs?: number;
  /** A client span whose call got no server span (e.g. a 503 from fault injection). */
  unanswered?: UnansweredCall;
  /** The hop this span is the server of (shown only when hops are not merged). */
  fromHop?: MeshHop;
  critical?: CriticalSection[];
  onToggle: (index: number) => void;
  onSelect: (index: number) => void;
}

const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

/** One waterfall row: tree gutter, service/operation label with hop info, and the bar on the time axis. */
export const SpanRow = memo(function SpanRow(p: SpanRowProps) {
  const bar = barGeometry(p.startUs, p.span.durationUs, p.view);
  const indent = Math.min(p.depth, 40) * 12;
  const label = `${p.span.serviceName} ${p.span.operationName}`;
  // duration label: after the bar, else before it, else inside its right end
  const labelPos = bar.left + bar.width < 0.85 ? { left: `calc(${pct(bar.left + bar.width)} + 4px)` }
    : bar.left > 0.12 ? { right: `calc(${pct(1 - bar.left)} + 4px)` }
    : { right: `calc(${pct(1 - bar.left - bar.width)} + 4px)`, color: '#fff', fontWeight: 600, textShadow: '0 0 2px rgba(0,0,0,0.8)' };
  return (
    <div
      className={`span-row${p.selected ? ' span-row--selected' : ''}${p.match ? ' span-row--match' : ''}`}
      style={{ top: p.top }}
      role="row"
      aria-selected={p.selected}
      data-span-id={p.span.spanId}
      data-service={p.span.serviceName}
    >
      <div className="span-row__label" role="gridcell" style={{ paddingLeft: indent }}>
        <button
          type="button"
          className="span-row__toggle"
          disabled={!p.hasChildren}
          aria-expanded={p.hasChildren ? !p.collapsed : undefined}
          aria-label={`${p.collapsed ? 'Expand' : 'Collapse'} ${label}`}
          onClick={() => p.onToggle(p.index)}
        >
          {p.collapsed ? '▸' : '▾'}
        </button>
        {p.depth > 40 ? <span className="muted">{p.depth}</span> : null}
        <button type="button" className="span-row__name" onClick={() => p.onSelect(p.index)} title={label}>
          {p.span.error ? <span className="span-row__error" title="error span" aria-label="error">! </span> : null}
          {!p.span.error && p.collapsed && p.descendantError ? <span className="span-row__error" title="error below">◦ </span> : null}
          <span className="span-row__service" style={{ color: p.color }}>{p.span.serviceName}</span>{' '}
          <span className="span-row__op">{p.span.operationName}</span>
        </button>
        {p.hop ? (
          <span className="span-row__hop" title={`upstream_cluster ${p.hop.upstreamCluster ?? '-'}`}>
            → {p.hop.server.workload ?? p.hop.server.service} {p.hop.statusCode ?? ''}{p.hop.responseFlags && p.hop.responseFlags !== '-' ? ` ${p.hop.responseFlags}` : ''}
          </span>
        ) : null}
        {p.unanswered ? (
          <span className="span-row__hop" title="no server span: the request did not reach the destination's sidecar">
            ↛ {p.unanswered.destination ?? 'upstream'} {p.unanswered.statusCode ?? ''}{p.unanswered.responseFlags && p.unanswered.responseFlags !== '-' ? ` ${p.unanswered.responseFlags}` : ''}
          </span>
        ) : null}
        {p.fromHop ? <span className="span-row__hop">← {p.fromHop.client.workload ?? p.fromHop.client.service}</span> : null}
        {p.deltaUs !== 0 ? <span className="span-row__skew" title={`clock skew adjusted by ${formatDuration(p.deltaUs)}`}>⇄</span> : null}
      </div>
      <div className="span-row__timeline" role="gridcell" onClick={() => p.onSelect(p.index)}>
        <div className={`span-bar${p.span.error ? ' span-bar--error' : ''}`} style={{ left: pct(bar.left), width: pct(bar.width), background: p.color }}>
          {p.hop && bar.width > 0 ? (
            <div
              className="span-bar__server"
              title="server span"
              style={{
                left: pct(Math.max(0, ((p.serverStartUs ?? p.startUs) - p.startUs) / Math.max(1, p.span.durationUs))),
                width: pct(Math.min(1, (p.serverDurationUs ?? 0) / Math.max(1, p.span.durationUs))),
              }}
            />
          ) : null}
        </div>
        {p.critical?.map((c) => {
          const g = barGeometry(c.startUs, c.endUs - c.startUs, p.view);
          return g.width > 0 ? <div key={c.startUs} className="span-bar__critical" style={{ left: pct(g.left), width: pct(g.width) }} title="critical path" /> : null;
        })}
        <span className="span-bar__label" style={labelPos}>
          {formatDuration(p.span.durationUs)}
        </span>
      </div>
    </div>
  );
});
