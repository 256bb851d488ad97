'use client';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatCount, formatDuration, rowWindow, timeTicks, type TimeWindow } from '@/lib/jaeger/layout';
import type { TraceBase, TraceCriticalPath, TraceTiming } from '@/lib/jaeger/view-model';
import { ROW_HEIGHT, SpanRow } from './span-row';

export interface WaterfallProps {
  base: TraceBase;
  timing: TraceTiming;
  rows: Int32Array;
  view: TimeWindow;
  collapsed: ReadonlySet<number>;
  selected: number | null;
  matches: Uint8Array | null;
  mergeHops: boolean;
  /** Critical path sections to draw, or null (off, or not computed yet). */
  critical: TraceCriticalPath | null;
  /** Scroll so this row position is visible; `nonce` re-triggers for the same row. */
  scrollTo: { row: number; nonce: number } | null;
  onToggle: (span: number) => void;
  onSelect: (span: number) => void;
}

const OVERSCAN = 12;

/** The virtualised waterfall: only the rows in (and just around) the viewport are in the DOM. */
export function Waterfall(p: WaterfallProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (scroller.current) setScrollTop(scroller.current.scrollTop);
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useEffect(() => {
    const el = scroller.current;
    if (!el || !p.scrollTo) return;
    const top = p.scrollTo.row * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, top - el.clientHeight / 3);
      setScrollTop(el.scrollTop);
    }
  }, [p.scrollTo]);

  const { first, last } = rowWindow(scrollTop, height, ROW_HEIGHT, p.rows.length, OVERSCAN);
  const { tree } = p.base;
  const items = [];
  for (let r = first; r < last; r += 1) {
    const i = p.rows[r]!;
    const span = tree.spans[i]!;
    const hopIndex = p.base.hopOfSpan[i]!;
    const hop = hopIndex >= 0 ? p.base.hops[hopIndex] : undefined;
    const isClient = hop?.client.span === i;
    items.push(
      <SpanRow
        key={i}
        index={i}
        top={r * ROW_HEIGHT}
        span={span}
        depth={p.mergeHops ? p.base.mergedDepth[i]! : tree.depth[i]!}
        startUs={p.timing.startUs[i]!}
        deltaUs={p.timing.deltaUs[i]!}
        color={p.base.colors.get(span.serviceName) ?? '#888'}
        view={p.view}
        hasChildren={tree.children[i]!.length > 0}
        collapsed={p.collapsed.has(i)}
        selected={p.selected === i}
        match={p.matches !== null && p.matches[i] === 1}
        descendantError={p.base.descendantError[i] === 1}
        hop={hop && isClient ? hop : undefined}
        serverStartUs={hop && isClient ? p.timing.startUs[hop.server.span] : undefined}
        serverDurationUs={hop && isClient ? tree.spans[hop.server.span]!.durationUs : undefined}
        unanswered={p.base.unanswered.get(i)}
        fromHop={hop && !isClient && !p.mergeHops ? hop : undefined}
        critical={p.critical?.sections[i]}
        onToggle={p.onToggle}
        onSelect={p.onSelect}
      />,
    );
  }
  const ticks = timeTicks(p.view, p.timing.startBoundUs, 6);
  const width = Math.max(1, p.view.endUs - p.view.startUs);
  return (
    <div className="waterfall" role="grid" aria-label="Span waterfall" aria-rowcount={p.rows.length} style={{ ['--wf-label' as string]: 'clamp(260px, 34%, 520px)' }}>
      <div className="waterfall__axis" aria-hidden="true">
        <div style={{ padding: '4px 8px' }}>Service · operation ({formatCount(p.rows.length)} rows)</div>
        <div className="waterfall__axis-ticks">
          {ticks.map((t) => (
            <span key={t} className="waterfall__tick" style={{ left: `${((p.timing.startBoundUs + t - p.view.startUs) / width) * 100}%` }}>
              {formatDuration(t)}
            </span>
          ))}
        </div>
      </div>
      <div className="waterfall__scroller" ref={scroller} onScroll={onScroll}>
        <div className="waterfall__rows" style={{ height: p.rows.length * ROW_HEIGHT }}>{items}</div>
      </div>
    </div>
  );
}
