/**
 * The cytoscape stylesheet: classes from lib/graph/elements.ts mapped to the theme's CSS variables
 * (cytoscape draws on a canvas and cannot read CSS, so the colours are read once per theme).
 */
import { ARROW_CLASS, EDGE_FONT_PX, EDGE_MIN_ZOOMED_FONT_PX, NODE_FONT_PX, NODE_MIN_ZOOMED_FONT_PX } from '@/lib/graph/detail';
import type { ColorMode } from '@/lib/graph/display-params';
import { DASH_PATTERN, EDGE_LOOK_CLASS, EDGE_LOOKS, FOUND_HALO, SELECTED_EDGE_HALO, type EdgeLook } from '@/lib/graph/edge-look';

export interface GraphColors {
  healthy: string;
  degraded: string;
  failing: string;
  idle: string;
  text: string;
  muted: string;
  surface: string;
  surface2: string;
  border: string;
  accent: string;
  bg: string;
}

const FALLBACK: GraphColors = {
  healthy: '#2e9e47', degraded: '#e08a00', failing: '#d33a2c', idle: '#8a94a3', text: '#17202b', muted: '#5a6677',
  surface: '#ffffff', surface2: '#eef1f5', border: '#d6dbe3', accent: '#2f6fdb', bg: '#f6f7f9',
};

export function readColors(): GraphColors {
  if (typeof window === 'undefined') return FALLBACK;
  const cs = getComputedStyle(document.documentElement);
  const v = (name: string, fb: string) => cs.getPropertyValue(name).trim() || fb;
  return {
    healthy: v('--healthy', FALLBACK.healthy),
    degraded: v('--degraded', FALLBACK.degraded),
    failing: v('--failing', FALLBACK.failing),
    idle: v('--idle', FALLBACK.idle),
    text: v('--text', FALLBACK.text),
    muted: v('--text-muted', FALLBACK.muted),
    surface: v('--surface', FALLBACK.surface),
    surface2: v('--surface-2', FALLBACK.surface2),
    border: v('--border', FALLBACK.border),
    accent: v('--accent', FALLBACK.accent),
    bg: v('--bg', FALLBACK.bg),
  };
}

/** Lock icons as SVG data URIs: closed (mTLS), half-filled closed (partial), open shackle (plaintext). */
export function lockIcon(kind: 'mtls' | 'partial' | 'plaintext', color: string, bg: string): string {
  const shackle = kind === 'plaintext'
    ? '<path d="M5 11V7a5 5 0 0 1 9.6-2" fill="none" stroke="C" stroke-width="2.2" stroke-linecap="round"/>'
    : '<path d="M6 11V7a4 4 0 0 1 8 0v4" fill="none" stroke="C" stroke-width="2.2"/>';
  const body = kind === 'partial'
    ? '<rect x="3" y="10" width="14" height="9" rx="2" fill="B" stroke="C" stroke-width="1.6"/><path d="M3 12a2 2 0 0 1 2-2h5v9H5a2 2 0 0 1-2-2z" fill="C"/>'
    : `<rect x="3" y="10" width="14" height="9" rx="2" fill="${kind === 'plaintext' ? 'B' : 'C'}" stroke="C" stroke-width="1.6"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20">${shackle}${body}</svg>`
    .replaceAll('"C"', `"${color}"`).replaceAll('"B"', `"${bg}"`);
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

type Block = { selector: string; style: Record<string, string | number> };

export function buildStylesheet(c: GraphColors, colorBy: ColorMode, large = false): Block[] {
  // Edge colours and line styles by health or by security (lib/graph/edge-look.ts, shared with the overview).
  const looks: Block[] = Object.entries(EDGE_LOOKS[colorBy]).map(([key, look]: [string, EdgeLook]) => {
    const color = c[look.color];
    const style: Record<string, string | number> = { 'line-color': color, 'target-arrow-color': color, 'mid-target-arrow-color': color };
    if (look.style !== 'solid') style['line-style'] = look.style;
    if (look.style === 'dashed') style['line-dash-pattern'] = DASH_PATTERN.join(' ');
    return { selector: `edge.${EDGE_LOOK_CLASS[colorBy]}${key}`, style };
  });
  return [
    // Text properties sit in `.with-label` blocks: an element whose label the zoom does not draw
    // (big graphs, lib/graph/detail.ts) does not get them, so cytoscape neither applies nor measures them.
    {
      selector: 'node[kind="node"]',
      style: { 'background-color': c.surface, 'border-width': 2, 'border-color': c.idle, width: 30, height: 30 },
    },
    {
      selector: 'node[kind="node"].with-label',
      style: {
        label: 'data(label)', 'text-wrap': 'wrap', 'text-max-width': '160px', 'text-valign': 'bottom', 'text-margin-y': 4,
        'font-size': NODE_FONT_PX, color: c.text, 'text-background-color': c.bg, 'text-background-opacity': 0.75, 'text-background-padding': '1px',
        'min-zoomed-font-size': NODE_MIN_ZOOMED_FONT_PX, 'font-family': 'DejaVu Sans, system-ui, sans-serif',
      },
    },
    { selector: 'node.type-workload, node.type-versionedApp', style: { shape: 'ellipse' } },
    { selector: 'node.type-app', style: { shape: 'round-rectangle' } },
    { selector: 'node.type-service', style: { shape: 'round-triangle', width: 32, height: 28 } },
    { selector: 'node.type-unknown', style: { shape: 'diamond', 'background-color': c.surface2 } },
    { selector: 'node.type-external', style: { shape: 'round-hexagon', 'background-color': c.surface2 } },
    { selector: 'node.gateway', style: { shape: 'round-diamond', width: 38, height: 38, 'border-width': 4, 'background-color': c.surface2 } },
    { selector: 'node.health-healthy', style: { 'border-color': c.healthy } },
    { selector: 'node.health-degraded', style: { 'border-color': c.degraded, 'border-width': 3 } },
    { selector: 'node.health-failing', style: { 'border-color': c.failing, 'border-width': 4 } },
    { selector: 'node.health-idle', style: { 'border-color': c.idle } },
    { selector: 'node.idle', style: { 'border-style': 'dashed', 'background-color': c.surface2, opacity: 0.75 } },
    { selector: 'node.outside', style: { opacity: 0.45 } },
    { selector: 'node.focused', style: { 'border-width': 6 } },
    {
      selector: 'node.box',
      style: {
        label: 'data(label)', 'text-valign': 'top', 'text-halign': 'center', 'font-size': 11, 'font-weight': 'bold', color: c.muted,
        shape: 'round-rectangle', 'background-color': c.surface2, 'background-opacity': 0.35, 'border-width': 1, 'border-color': c.border,
        'border-style': 'dashed', padding: '14px', 'min-zoomed-font-size': 5,
      },
    },
    { selector: 'node.box-app', style: { 'border-style': 'solid', 'background-opacity': 0.6, color: c.text, 'font-weight': 'normal' } },
    {
      selector: 'node.marker',
      style: {
        width: 14, height: 14, shape: 'rectangle', 'background-opacity': 0, 'border-width': 0, events: 'no',
        'background-fit': 'contain', 'background-clip': 'none', 'z-index': 20,
      },
    },
    {
      selector: 'node.marker.with-label',
      style: {
        label: 'data(label)', 'font-size': EDGE_FONT_PX, color: c.text, 'text-valign': 'bottom', 'text-margin-y': 1,
        'text-background-color': c.bg, 'text-background-opacity': 0.8, 'min-zoomed-font-size': EDGE_MIN_ZOOMED_FONT_PX,
      },
    },
    { selector: 'node.marker-mtls', style: { 'background-image': lockIcon('mtls', c.text, c.bg) } },
    { selector: 'node.marker-partial', style: { 'background-image': lockIcon('partial', c.degraded, c.bg) } },
    { selector: 'node.marker-plaintext', style: { 'background-image': lockIcon('plaintext', c.failing, c.bg) } },
    {
      selector: 'edge',
      style: large
        ? {
            // Big graphs: haystack lines centre to centre (no endpoint or control point geometry, the
            // bulk of a first frame of thousands of edges), with the arrow at the middle once the zoom
            // makes it visible (`with-arrow`); edges that carry a label (zoomed in, near the view:
            // lib/graph/detail.ts) become straight below.
            'curve-style': 'haystack', 'haystack-radius': 0, width: 'data(width)', 'line-color': c.idle,
            'mid-target-arrow-color': c.idle, 'arrow-scale': 0.6,
          }
        : { 'curve-style': 'bezier', width: 'data(width)', 'line-color': c.idle, 'target-arrow-shape': 'triangle', 'target-arrow-color': c.idle, 'arrow-scale': 0.8 },
    },
    ...(large ? [{ selector: `edge.${ARROW_CLASS}`, style: { 'mid-target-arrow-shape': 'triangle' } }] : []),
    {
      selector: 'edge.with-label',
      style: {
        label: 'data(label)', 'font-size': EDGE_FONT_PX, color: c.text, 'text-background-color': c.bg, 'text-background-opacity': 0.8,
        'text-background-padding': '1px', 'min-zoomed-font-size': EDGE_MIN_ZOOMED_FONT_PX, 'text-margin-y': -12,
        'font-family': 'DejaVu Sans, system-ui, sans-serif',
        ...(large ? { 'curve-style': 'straight', 'mid-target-arrow-shape': 'none', 'target-arrow-shape': 'triangle' } : {}),
      },
    },
    ...looks,
    { selector: '.found', style: { 'underlay-color': c.accent, 'underlay-opacity': FOUND_HALO.opacity, 'underlay-padding': FOUND_HALO.padding } },
    { selector: 'node:selected', style: { 'overlay-color': c.accent, 'overlay-opacity': 0.2, 'overlay-padding': 6 } },
    { selector: 'edge:selected', style: { 'overlay-color': c.accent, 'overlay-opacity': SELECTED_EDGE_HALO.opacity, 'overlay-padding': SELECTED_EDGE_HALO.padding } },
  ];
}
