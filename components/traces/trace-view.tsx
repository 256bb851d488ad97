'use client';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { findSpans } from '@/lib/jaeger/find';
import { collapseBelow, revealSpan, visibleRows, type TimeWindow } from '@/lib/jaeger/layout';
import type { Trace } from '@/lib/jaeger/model';
import { buildCriticalPath, buildTraceBase, buildTraceTiming, withoutMergedServers, type TraceCriticalPath } from '@/lib/jaeger/view-model';
import { afterPaint } from './after-paint';
import { Minimap } from './minimap';
import { SpanDetail } from './span-detail';
import { TraceHeader } from './trace-header';
import { TraceToolbar } from './trace-toolbar';
import { Waterfall } from './waterfall';

export interface TraceViewProps {
  trace: Trace;
}

/** The trace detail: header, toolbar, minimap, virtualised waterfall and the selected span's detail. */
export function TraceView({ trace }: TraceViewProps) {
  const base = useMemo(() => buildTraceBase(trace), [trace]);
  const [adjustSkew, setAdjustSkew] = useState(true);
  const timing = useMemo(() => buildTraceTiming(base, adjustSkew), [base, adjustSkew]);
  // The critical path is drawn a moment after the first rows, so it never delays them.
  const [critical, setCritical] = useState<{ timing: typeof timing; path: TraceCriticalPath } | null>(null);
  useEffect(() => {
    return afterPaint(() => setCritical({ timing, path: buildCriticalPath(base, timing) }));
  }, [base, timing]);
  const criticalPath = critical?.timing === timing ? critical.path : null;
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const [selected, setSelected] = useState<number | null>(null);
  const [showCritical, setShowCritical] = useState(true);
  const [mergeHops, setMergeHops] = useState(false);
  const [zoom, setZoom] = useState<TimeWindow | null>(null);
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(-1);
  const [scrollTo, setScrollTo] = useState<{ row: number; nonce: number } | null>(null);
  const deferredQuery = useDeferredValue(query);

  const rows = useMemo(() => {
    const all = visibleRows(base.tree, collapsed);
    return mergeHops ? withoutMergedServers(all, base.mergedServer) : all;
  }, [base, collapsed, mergeHops]);
  const matchList = useMemo(() => findSpans(base.tree.spans, trace.processes, deferredQuery), [base, trace, deferredQuery]);
  const matches = useMemo(() => {
    if (deferredQuery.trim() === '') return null;
    const m = new Uint8Array(base.tree.spans.length);
    for (const i of matchList) m[i] = 1;
    return m;
  }, [base, matchList, deferredQuery]);

  // one object per (zoom, timing): rows are memoised and compare `view` by identity
  const view = useMemo(() => zoom ?? { startUs: timing.startBoundUs, endUs: timing.endBoundUs }, [zoom, timing]);
  const onToggle = useCallback((i: number) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  }, []);
  const onSelect = useCallback((i: number) => setSelected((s) => (s === i ? null : i)), []);

  const rowOf = (span: number, currentRows: Int32Array) => {
    for (let r = 0; r < currentRows.length; r += 1) if (currentRows[r] === span) return r;
    return -1;
  };
  const jump = (dir: 1 | -1) => {
    if (matchList.length === 0) return;
    const ordered = [...matchList].sort((a, b) => base.tree.preorderPos[a]! - base.tree.preorderPos[b]!);
    const next = (cursor + dir + ordered.length) % ordered.length;
    const span = ordered[next]!;
    const nextCollapsed = revealSpan(base.tree, collapsed, span);
    setCollapsed(nextCollapsed);
    setCursor(next);
    setSelected(span);
    let shown = visibleRows(base.tree, nextCollapsed);
    if (mergeHops) shown = withoutMergedServers(shown, base.mergedServer);
    setScrollTo({ row: Math.max(0, rowOf(span, shown)), nonce: Date.now() });
  };

  const sel = selected !== null ? base.tree.spans[selected] : undefined;
  const hopIndex = selected !== null ? base.hopOfSpan[selected]! : -1;
  return (
    <div className="trace-page">
      <TraceHeader base={base} timing={timing} />
      <TraceToolbar
        query={query}
        onQuery={(q) => { setQuery(q); setCursor(-1); }}
        matchCount={matchList.length}
        onPrev={() => jump(-1)}
        onNext={() => jump(1)}
        adjustSkew={adjustSkew}
        onAdjustSkew={(on) => { setAdjustSkew(on); setZoom(null); }}
        adjustedCount={timing.adjustedCount}
        showCritical={showCritical}
        onShowCritical={setShowCritical}
        mergeHops={mergeHops}
        onMergeHops={setMergeHops}
        hopCount={base.hops.length}
        zoomed={zoom !== null}
        onResetZoom={() => setZoom(null)}
        onExpandAll={() => setCollapsed(new Set())}
        onCollapseAll={() => setCollapsed(collapseBelow(base.tree, 0))}
      />
      <Minimap base={base} timing={timing} view={view} onZoom={setZoom} />
      <div className={`waterfall-wrap${sel ? ' waterfall-wrap--detail' : ''}`}>
        <Waterfall
          base={base}
          timing={timing}
          rows={rows}
          view={view}
          collapsed={collapsed}
          selected={selected}
          matches={matches}
          mergeHops={mergeHops}
          critical={showCritical ? criticalPath : null}
          scrollTo={scrollTo}
          onToggle={onToggle}
          onSelect={onSelect}
        />
        {sel && selected !== null ? (
          <SpanDetail
            span={sel}
            process={trace.processes[sel.processIndex]}
            offsetUs={timing.startUs[selected]! - timing.startBoundUs}
            deltaUs={timing.deltaUs[selected]!}
            traceStartUs={timing.startBoundUs}
            onCriticalPath={criticalPath?.onPath[selected] === 1}
            hop={hopIndex >= 0 ? base.hops[hopIndex] : undefined}
            onClose={() => setSelected(null)}
          />
        ) : null}
      </div>
    </div>
  );
}
