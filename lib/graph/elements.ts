/**
 * Graph → cytoscape element definitions, the last step of the pipeline. Plain objects (no cytoscape
 * import) so it is unit-testable: labels are computed here for the chosen label mode, colours are
 * class names the stylesheet maps to CSS variables. Ids are the graph's stable ids, so the page can
 * update elements in place and keep positions.
 */
import type { EdgeLabelMode } from './display-params';
import { EDGE_LOOK_CLASS } from './edge-look';
import { formatBytesPerSec, formatMs, formatPercent, formatRps } from './format';
import { edgeSecurity, type EdgeSecurity } from './security';
import type { Graph, GraphEdge, GraphNode } from './types';

export interface ElementOptions {
  edgeLabels: EdgeLabelMode;
  /** Draw lock / partial / open markers. */
  security: boolean;
  namespaceBoxes: boolean;
  appBoxes: boolean;
  found?: ReadonlySet<string>;
  focus?: string;
}

export interface NodeData {
  id: string;
  kind: 'node' | 'box' | 'marker';
  label: string;
  parent?: string;
  /** Markers: the edge they sit on. */
  edge?: string;
  [key: string]: unknown;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  label: string;
  width: number;
  security: EdgeSecurity;
  [key: string]: unknown;
}

export interface NodeElement { group: 'nodes'; data: NodeData; classes: string }
export interface EdgeElement { group: 'edges'; data: EdgeData; classes: string }

export interface GraphElements {
  nodes: NodeElement[];
  edges: EdgeElement[];
}

export function nsBoxId(ns: string): string {
  return `box:ns:${ns}`;
}
export function appBoxId(ns: string, app: string): string {
  return `box:app:${ns}:${app}`;
}
export function markerId(edgeId: string): string {
  return `sec:${edgeId}`;
}

/** The node's name as people say it. */
export function nodeName(n: GraphNode): string {
  switch (n.nodeType) {
    case 'workload': return n.workload;
    case 'app': return n.app;
    case 'versionedApp': return n.version ? `${n.app} ${n.version}` : n.app;
    case 'service': return n.service;
    case 'unknown': return 'unknown';
    case 'external': return n.host ?? n.service;
  }
}

/** Short badge marks for the node's second label line. */
export function badgeMarks(n: GraphNode): string[] {
  const b = n.badges;
  const marks: string[] = [];
  if (n.isGateway) marks.push(n.isGateway === 'egress' ? 'egress gateway' : 'ingress gateway');
  if (!b) return marks;
  if (b.virtualService?.length) marks.push('VS');
  if (b.circuitBreaker) marks.push('CB');
  if (b.faultInjection) marks.push('FI');
  if (b.missingSidecar) marks.push('⚠ no sidecar');
  if (b.configErrors?.length) marks.push(`✗ ${b.configErrors.length} config ${b.configErrors.length === 1 ? 'issue' : 'issues'}`);
  return marks;
}

export function edgeLabel(e: GraphEdge, mode: EdgeLabelMode): string {
  switch (mode) {
    case 'none': return '';
    case 'rps': return e.protocol === 'tcp' ? formatBytesPerSec(e.rps) : `${formatRps(e.rps)} rps`;
    case 'percent': return formatPercent(e.percentOfSource);
    case 'p50': case 'p95': case 'p99': {
      const v = e[mode];
      return v === null ? '' : formatMs(v);
    }
    case 'mtls': return e.mtlsPercent === null ? '' : `${formatPercent(e.mtlsPercent)} mTLS`;
  }
}

/** Width 1–8 px on a log scale of the rate, relative to the busiest edge of the same kind. */
export function edgeWidth(rate: number, maxRate: number): number {
  if (!(rate > 0) || !(maxRate > 0)) return 1;
  return 1 + 7 * (Math.log1p(rate) / Math.log1p(maxRate));
}

function nodeClasses(n: GraphNode, found: ReadonlySet<string> | undefined, focus: string | undefined): string {
  const c = [`type-${n.nodeType}`, `health-${n.health}`];
  if (n.isGateway) c.push('gateway');
  if (n.isOutside) c.push('outside');
  if (n.isIdle) c.push('idle');
  if (n.isExternal) c.push(`external-${n.isExternal}`);
  if (n.isInjected) c.push('injected');
  if (n.badges?.configErrors?.length) c.push('config-error');
  if (n.badges?.missingSidecar) c.push('no-sidecar');
  if (found?.has(n.id)) c.push('found');
  if (focus === n.id) c.push('focused');
  return c.join(' ');
}

export function toElements(graph: Graph, opts: ElementOptions): GraphElements {
  const nodes: NodeElement[] = [];
  const edges: EdgeElement[] = [];
  const boxes = new Map<string, NodeElement>();

  // App boxes group the versions of one app (two or more nodes of it in the graph).
  const appCount = new Map<string, number>();
  if (opts.appBoxes) {
    for (const n of graph.nodes) {
      if ((n.nodeType === 'versionedApp' || n.nodeType === 'workload') && n.app !== '' && n.namespace !== '') {
        const k = appBoxId(n.namespace, n.app);
        appCount.set(k, (appCount.get(k) ?? 0) + 1);
      }
    }
  }
  const nsBox = (ns: string): string | undefined => {
    if (!opts.namespaceBoxes || ns === '') return undefined;
    const id = nsBoxId(ns);
    if (!boxes.has(id)) boxes.set(id, { group: 'nodes', data: { id, kind: 'box', label: ns, box: 'namespace', namespace: ns }, classes: 'box box-namespace' });
    return id;
  };

  for (const n of graph.nodes) {
    let parent = nsBox(n.namespace);
    const appKey = n.namespace !== '' ? appBoxId(n.namespace, n.app) : '';
    if ((appCount.get(appKey) ?? 0) >= 2) {
      if (!boxes.has(appKey)) {
        boxes.set(appKey, { group: 'nodes', data: { id: appKey, kind: 'box', label: n.app, box: 'app', namespace: n.namespace, app: n.app, ...(parent ? { parent } : {}) }, classes: 'box box-app' });
      }
      parent = appKey;
    }
    const name = nodeName(n);
    const marks = badgeMarks(n);
    nodes.push({
      group: 'nodes',
      data: {
        id: n.id,
        kind: 'node',
        label: marks.length > 0 ? `${name}\n${marks.join(' · ')}` : name,
        name,
        nodeType: n.nodeType,
        health: n.health,
        namespace: n.namespace,
        ...(parent ? { parent } : {}),
      },
      classes: nodeClasses(n, opts.found, opts.focus),
    });
  }

  let maxReq = 0;
  let maxTcp = 0;
  for (const e of graph.edges) {
    if (e.protocol === 'tcp') maxTcp = Math.max(maxTcp, e.rps);
    else maxReq = Math.max(maxReq, e.rps);
  }
  // Runs on every refresh for every edge (5,000 on a big mesh): string concatenation, no arrays.
  for (const e of graph.edges) {
    const security = edgeSecurity(e);
    const label = edgeLabel(e, opts.edgeLabels);
    const found = opts.found?.has(e.id) ? ' found' : '';
    edges.push({
      group: 'edges',
      data: {
        id: e.id,
        source: e.source,
        target: e.target,
        label,
        width: Number(edgeWidth(e.rps, e.protocol === 'tcp' ? maxTcp : maxReq).toFixed(2)),
        security,
        health: e.health,
        protocol: e.protocol,
      },
      classes: `${EDGE_LOOK_CLASS.health}${e.health} ${EDGE_LOOK_CLASS.security}${security} proto-${e.protocol}${found}`,
    });
    if (opts.security && security !== 'unknown') {
      nodes.push({
        group: 'nodes',
        data: { id: markerId(e.id), kind: 'marker', edge: e.id, label: security === 'partial' ? formatPercent(e.mtlsPercent as number) : '', security },
        classes: `marker marker-${security}`,
      });
    }
  }
  return { nodes: [...boxes.values(), ...nodes], edges };
}
