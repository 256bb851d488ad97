'use client';

export interface TraceToolbarProps {
  query: string;
  onQuery: (q: string) => void;
  matchCount: number;
  onPrev: () => void;
  onNext: () => void;
  adjustSkew: boolean;
  onAdjustSkew: (on: boolean) => void;
  adjustedCount: number;
  showCritical: boolean;
  onShowCritical: (on: boolean) => void;
  mergeHops: boolean;
  onMergeHops: (on: boolean) => void;
  hopCount: number;
  zoomed: boolean;
  onResetZoom: () => void;
  onExpandAll: () => void;
  onCollapseAll: () => void;
}

/** Find, skew, critical path, hop merging, zoom reset, expand/collapse all. */
export function TraceToolbar(p: TraceToolbarProps) {
  return (
    <div className="trace-toolbar card" role="toolbar" aria-label="Trace view options">
      <input
        type="search"
        value={p.query}
        placeholder="Find spans: service, operation, tag=value…"
        aria-label="Find spans"
        onChange={(e) => p.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.shiftKey ? p.onPrev : p.onNext)();
        }}
      />
      {p.query.trim() !== '' ? (
        <>
          <span aria-live="polite">{p.matchCount} match{p.matchCount === 1 ? '' : 'es'}</span>
          <button type="button" onClick={p.onPrev} disabled={p.matchCount === 0} aria-label="Previous match">↑</button>
          <button type="button" onClick={p.onNext} disabled={p.matchCount === 0} aria-label="Next match">↓</button>
        </>
      ) : null}
      <label>
        <input type="checkbox" checked={p.adjustSkew} onChange={(e) => p.onAdjustSkew(e.target.checked)} /> Adjust clock skew
        {p.adjustSkew && p.adjustedCount > 0 ? <span className="muted"> ({p.adjustedCount} span{p.adjustedCount === 1 ? '' : 's'} shifted, marked ⇄)</span> : null}
      </label>
      <label>
        <input type="checkbox" checked={p.showCritical} onChange={(e) => p.onShowCritical(e.target.checked)} /> Critical path
      </label>
      {p.hopCount > 0 ? (
        <label>
          <input type="checkbox" checked={p.mergeHops} onChange={(e) => p.onMergeHops(e.target.checked)} /> One row per mesh hop
        </label>
      ) : null}
      <button type="button" onClick={p.onExpandAll}>Expand all</button>
      <button type="button" onClick={p.onCollapseAll}>Collapse all</button>
      {p.zoomed ? <button type="button" onClick={p.onResetZoom}>Reset zoom</button> : null}
    </div>
  );
}
