'use client';
import { useEffect, useState } from 'react';
import {
  COLOR_MODES, EDGE_LABEL_MODES, EDGE_LABEL_NAMES, LAYOUTS, LAYOUT_NAMES,
  type ColorMode, type EdgeLabelMode, type GraphDisplay, type LayoutName,
} from '@/lib/graph/display-params';
import { GRAPH_TYPES, type GraphType } from '@/lib/graph/types';

export const GRAPH_TYPE_NAMES: Record<GraphType, string> = {
  versionedApp: 'Versioned app',
  app: 'App',
  workload: 'Workload',
  service: 'Service',
};

const COLOR_NAMES: Record<ColorMode, string> = { health: 'Health', security: 'Security (mTLS)' };

export interface GraphToolbarProps {
  display: GraphDisplay;
  onChange(changes: Partial<GraphDisplay>): void;
  onResetLayout(): void;
  onExport(kind: 'png' | 'svg' | 'json'): void;
  onRefresh(): void;
  refreshing: boolean;
  findError?: string;
  hideError?: string;
}

/** A text field that commits on Enter or when it loses focus (not on every key). */
function ExpressionInput({ label, value, onCommit, error, placeholder }: { label: string; value: string; onCommit(v: string): void; error?: string; placeholder: string }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const id = `graph-${label.toLowerCase()}`;
  return (
    <span className="graph-toolbar__expr">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={draft}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onCommit(draft.trim());
        }}
        onBlur={() => {
          if (draft.trim() !== value) onCommit(draft.trim());
        }}
      />
      {error ? <span id={`${id}-error`} className="graph-toolbar__error" role="alert">{error}</span> : null}
    </span>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <label className="graph-toolbar__check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

export function GraphToolbar({ display, onChange, onResetLayout, onExport, onRefresh, refreshing, findError, hideError }: GraphToolbarProps) {
  return (
    <div className="graph-toolbar card" role="toolbar" aria-label="Graph options">
      <div className="row">
        <label>
          Graph type{' '}
          <select aria-label="Graph type" value={display.graphType} onChange={(e) => onChange({ graphType: e.target.value as GraphType, focus: '' })}>
            {GRAPH_TYPES.map((t) => <option key={t} value={t}>{GRAPH_TYPE_NAMES[t]}</option>)}
          </select>
        </label>
        <label>
          Edge labels{' '}
          <select aria-label="Edge labels" value={display.edgeLabels} onChange={(e) => onChange({ edgeLabels: e.target.value as EdgeLabelMode })}>
            {EDGE_LABEL_MODES.map((m) => <option key={m} value={m}>{EDGE_LABEL_NAMES[m]}</option>)}
          </select>
        </label>
        <label>
          Colour edges by{' '}
          <select aria-label="Colour edges by" value={display.colorBy} onChange={(e) => onChange({ colorBy: e.target.value as ColorMode })}>
            {COLOR_MODES.map((m) => <option key={m} value={m}>{COLOR_NAMES[m]}</option>)}
          </select>
        </label>
        <label>
          Layout{' '}
          <select aria-label="Layout" value={display.layout} onChange={(e) => onChange({ layout: e.target.value as LayoutName })}>
            {LAYOUTS.map((l) => <option key={l} value={l}>{LAYOUT_NAMES[l]}</option>)}
          </select>
        </label>
        <button type="button" onClick={onResetLayout} title="Forget the saved arrangement of this view and lay it out again">Reset layout</button>
        <button type="button" onClick={onRefresh} disabled={refreshing}>{refreshing ? 'Refreshing…' : 'Refresh now'}</button>
        <span className="graph-toolbar__export" role="group" aria-label="Export">
          Export
          <button type="button" onClick={() => onExport('png')}>PNG</button>
          <button type="button" onClick={() => onExport('svg')}>SVG</button>
          <button type="button" onClick={() => onExport('json')}>JSON</button>
        </span>
      </div>
      <div className="row">
        <Check label="Security markers" checked={display.security || display.colorBy === 'security'} onChange={(security) => onChange({ security })} />
        <Check label="Namespace boxes" checked={display.namespaceBoxes} onChange={(namespaceBoxes) => onChange({ namespaceBoxes })} />
        <Check label="App boxes" checked={display.appBoxes} onChange={(appBoxes) => onChange({ appBoxes })} />
        <Check label="Service nodes" checked={display.serviceNodes} onChange={(serviceNodes) => onChange({ serviceNodes })} />
        <Check label="Idle nodes" checked={display.idleNodes} onChange={(idleNodes) => onChange({ idleNodes })} />
        <Check label="Legend" checked={display.legend} onChange={(legend) => onChange({ legend })} />
        <Check label="Show as table" checked={display.table} onChange={(table) => onChange({ table })} />
      </div>
      <div className="row">
        <ExpressionInput label="Find" value={display.find} onCommit={(find) => onChange({ find })} error={findError} placeholder="e.g. %error > 1 or name = reviews" />
        <ExpressionInput label="Hide" value={display.hide} onCommit={(hide) => onChange({ hide })} error={hideError} placeholder="e.g. rps < 0.1 or !mtls" />
      </div>
    </div>
  );
}
