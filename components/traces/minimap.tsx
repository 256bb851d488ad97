'use client';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { TimeWindow } from '@/lib/jaeger/layout';
import { afterPaint } from './after-paint';
import type { TraceBase, TraceTiming } from '@/lib/jaeger/view-model';

export interface MinimapProps {
  base: TraceBase;
  timing: TraceTiming;
  view: TimeWindow;
  onZoom: (view: TimeWindow) => void;
}

/** Every span, in tree order, one band per span (shared when there are more spans than pixels). */
function drawMinimap(c: HTMLCanvasElement, base: TraceBase, timing: TraceTiming): void {
  const total = Math.max(1, timing.endBoundUs - timing.startBoundUs);
  const w = (c.width = c.clientWidth * (window.devicePixelRatio || 1));
  const h = (c.height = c.clientHeight * (window.devicePixelRatio || 1));
  const ctx = c.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, w, h);
  const { tree } = base;
  const n = tree.preorder.length;
  const rowH = Math.max(1, h / Math.max(1, n));
  let lastColor = '';
  for (let k = 0; k < n; k += 1) {
    const i = tree.preorder[k]!;
    const span = tree.spans[i]!;
    const color = span.error ? '#d33a2c' : base.colors.get(span.serviceName) ?? '#888';
    if (color !== lastColor) {
      ctx.fillStyle = color;
      lastColor = color;
    }
    const x = ((timing.startUs[i]! - timing.startBoundUs) / total) * w;
    ctx.fillRect(x, (k / n) * h, Math.max(1, (span.durationUs / total) * w), rowH);
  }
}

/**
 * The whole trace at a glance on a canvas (every span, in tree order, coloured by service); drag
 * across it to zoom the waterfall into that time range.
 */
export function Minimap({ base, timing, view, onZoom }: MinimapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const total = Math.max(1, timing.endBoundUs - timing.startBoundUs);

  useEffect(() => {
    // drawn just after the first rows are on screen: 50,000 rectangles take a moment
    return afterPaint(() => {
      if (canvas.current) drawMinimap(canvas.current, base, timing);
    });
  }, [base, timing]);

  const frac = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
  };
  const left = (view.startUs - timing.startBoundUs) / total;
  const right = (view.endUs - timing.startBoundUs) / total;
  const sel = drag ? { l: Math.min(drag.from, drag.to), r: Math.max(drag.from, drag.to) } : null;
  return (
    <div
      className="minimap"
      role="slider"
      aria-label="Trace minimap: drag to zoom into a time range"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(left * 100)}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const f = frac(e);
        setDrag({ from: f, to: f });
      }}
      onPointerMove={(e) => drag && setDrag({ ...drag, to: frac(e) })}
      onPointerUp={() => {
        if (sel && sel.r - sel.l > 0.005) onZoom({ startUs: timing.startBoundUs + sel.l * total, endUs: timing.startBoundUs + sel.r * total });
        setDrag(null);
      }}
    >
      <canvas ref={canvas} />
      {left > 0.0005 ? <div className="minimap__shade" style={{ left: 0, width: `${left * 100}%` }} /> : null}
      {right < 0.9995 ? <div className="minimap__shade" style={{ left: `${right * 100}%`, right: 0 }} /> : null}
      {sel ? <div className="minimap__window" style={{ left: `${sel.l * 100}%`, width: `${(sel.r - sel.l) * 100}%` }} /> : null}
    </div>
  );
}
