/**
 * The graph page's display options as they live in the URL, so a link reproduces the view. Pure
 * parse/serialise; unknown or invalid values fall back to the defaults (a bad link still opens).
 */
import { readGlobalParams } from '../url-state';
import { GRAPH_TYPES, type GraphType } from './types';

export const EDGE_LABEL_MODES = ['rps', 'percent', 'p50', 'p95', 'p99', 'mtls', 'none'] as const;
export type EdgeLabelMode = (typeof EDGE_LABEL_MODES)[number];

export const EDGE_LABEL_NAMES: Record<EdgeLabelMode, string> = {
  rps: 'Requests per second',
  percent: '% of source outbound',
  p50: 'Response time p50',
  p95: 'Response time p95',
  p99: 'Response time p99',
  mtls: 'mTLS %',
  none: 'No labels',
};

export const COLOR_MODES = ['health', 'security'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

export const LAYOUTS = ['dagre', 'breadthfirst', 'cose', 'concentric', 'grid'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export const LAYOUT_NAMES: Record<LayoutName, string> = {
  dagre: 'Dagre (left to right)',
  breadthfirst: 'Breadth-first',
  cose: 'Force-directed (CoSE)',
  concentric: 'Concentric',
  grid: 'Grid',
};

export interface GraphDisplay {
  graphType: GraphType;
  edgeLabels: EdgeLabelMode;
  colorBy: ColorMode;
  /** Lock / partial / open markers on edges (always on in the security colour mode). */
  security: boolean;
  namespaceBoxes: boolean;
  appBoxes: boolean;
  idleNodes: boolean;
  serviceNodes: boolean;
  layout: LayoutName;
  find: string;
  hide: string;
  /** A node id: show only what is upstream and downstream of it. */
  focus: string;
  /** Show the graph as accessible tables under the canvas. */
  table: boolean;
  legend: boolean;
  /** The URL says whether to draw boxes (otherwise big graphs go without: compound nodes are slow). */
  boxesExplicit: boolean;
}

export const DEFAULT_DISPLAY: GraphDisplay = {
  graphType: 'versionedApp',
  edgeLabels: 'rps',
  colorBy: 'health',
  security: true,
  namespaceBoxes: true,
  appBoxes: true,
  idleNodes: false,
  serviceNodes: true,
  layout: 'dagre',
  find: '',
  hide: '',
  focus: '',
  table: false,
  legend: false,
  boxesExplicit: false,
};

type Source = { get(name: string): string | null };

function oneOf<T extends string>(values: readonly T[], raw: string | null, fallback: T): T {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

function flag(raw: string | null, fallback: boolean): boolean {
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  return fallback;
}

const MAX_TEXT = 500;
const text = (raw: string | null): string => (raw ?? '').slice(0, MAX_TEXT);

/** The graph type a node id belongs to (`wl:` workload, `app:`, `vapp:`), so `/graph?focus=wl:ns:name` opens the right graph. */
export function graphTypeOfNodeId(id: string): GraphType | undefined {
  if (id.startsWith('wl:')) return 'workload';
  if (id.startsWith('vapp:')) return 'versionedApp';
  if (id.startsWith('app:')) return 'app';
  return undefined;
}

export function readGraphDisplay(search: Source): GraphDisplay {
  const d = DEFAULT_DISPLAY;
  const focus = text(search.get('focus'));
  return {
    graphType: oneOf(GRAPH_TYPES, search.get('graphType'), graphTypeOfNodeId(focus) ?? d.graphType),
    edgeLabels: oneOf(EDGE_LABEL_MODES, search.get('edgeLabels'), d.edgeLabels),
    colorBy: oneOf(COLOR_MODES, search.get('colorBy'), d.colorBy),
    security: flag(search.get('security'), d.security),
    namespaceBoxes: flag(search.get('nsBoxes'), d.namespaceBoxes),
    appBoxes: flag(search.get('appBoxes'), d.appBoxes),
    idleNodes: flag(search.get('idleNodes'), d.idleNodes),
    serviceNodes: flag(search.get('serviceNodes'), d.serviceNodes),
    layout: oneOf(LAYOUTS, search.get('layout'), d.layout),
    find: text(search.get('find')),
    hide: text(search.get('hide')),
    focus,
    table: flag(search.get('table'), d.table),
    legend: flag(search.get('legend'), d.legend),
    boxesExplicit: search.get('nsBoxes') !== null || search.get('appBoxes') !== null,
  };
}

const URL_KEYS: Record<keyof GraphDisplay, string> = {
  graphType: 'graphType',
  edgeLabels: 'edgeLabels',
  colorBy: 'colorBy',
  security: 'security',
  namespaceBoxes: 'nsBoxes',
  appBoxes: 'appBoxes',
  idleNodes: 'idleNodes',
  serviceNodes: 'serviceNodes',
  layout: 'layout',
  find: 'find',
  hide: 'hide',
  focus: 'focus',
  table: 'table',
  legend: 'legend',
  boxesExplicit: '',
};

/** Boxes are always written to the URL once chosen (their default depends on the graph's size). */
const ALWAYS_WRITTEN = new Set<keyof GraphDisplay>(['namespaceBoxes', 'appBoxes']);

/** URL changes for a partial update: values equal to the default are removed (null), others set. */
export function displayToUrl(changes: Partial<GraphDisplay>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(changes) as Array<[keyof GraphDisplay, GraphDisplay[keyof GraphDisplay]]>) {
    const key = URL_KEYS[k];
    if (key === '') continue;
    if (v === DEFAULT_DISPLAY[k] && !ALWAYS_WRITTEN.has(k)) out[key] = null;
    else out[key] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  }
  return out;
}

/** Namespace/app boxes as drawn: big graphs go without unless the URL asks for them. */
export function effectiveBoxes(display: GraphDisplay, nodeCount: number, threshold: number): { namespaceBoxes: boolean; appBoxes: boolean } {
  if (nodeCount > threshold && !display.boxesExplicit) return { namespaceBoxes: false, appBoxes: false };
  return { namespaceBoxes: display.namespaceBoxes, appBoxes: display.appBoxes };
}

/** The /api/graph query string for a view; the page reads the compact answer (lib/graph/compact.ts). */
export function graphApiQuery(namespaces: readonly string[], duration: string, display: GraphDisplay): string {
  const q = new URLSearchParams();
  q.set('namespaces', namespaces.join(','));
  q.set('graphType', display.graphType);
  q.set('duration', duration);
  q.set('injectServiceNodes', String(display.serviceNodes));
  q.set('idleNodes', String(display.idleNodes));
  q.set('format', 'compact');
  return q.toString();
}

/**
 * The /api/graph URL the /graph page with these search params fetches first (the page's query and
 * the server's preload of it are built by this one function, so they are the same request).
 */
export function graphApiUrl(search: Source): string {
  const global = readGlobalParams(search);
  return `/api/graph?${graphApiQuery(global.namespaces, global.duration, readGraphDisplay(search))}`;
}

/** The key saved node positions are stored under: one arrangement per namespaces + graph type. */
export function viewKey(namespaces: readonly string[], graphType: GraphType): string {
  return `${[...namespaces].sort().join(',')}|${graphType}`;
}
