/**
 * Keeps one long-lived cytoscape instance in step with the element definitions: removes what is gone,
 * updates data and classes in place (positions untouched), adds what is new at a remembered or
 * nearby place, and runs the layout only when the canvas starts empty (or when asked). A big graph's
 * edges that the level of detail leaves to the overview (lib/graph/detail.ts) are not added: the
 * sync hands them back for edge-overview.ts to draw.
 */
import type { Core, ElementDefinition, NodeSingular } from 'cytoscape';
import type { LayoutName } from '@/lib/graph/display-params';
import type { EdgeElement, GraphElements, NodeElement } from '@/lib/graph/elements';
import { FAST_LAYOUT_THRESHOLD, fastLayered } from '@/lib/graph/fast-layout';
import { placeNewNodes, type Point } from '@/lib/graph/placement';
import { dataPatch, detailClasses, edgeOnCanvas, FULL_DETAIL, isBigGraph, LABEL_CLASS, type Box, type Detail } from '@/lib/graph/detail';

export interface SyncState {
  /** Last known position of every real node of this view (also of nodes currently hidden). */
  memory: Map<string, Point>;
  /** Classes and data as given to cytoscape, per element id (to skip or narrow updates). */
  applied: Map<string, { classes: string; data: Record<string, unknown> }>;
}

export function layoutOptions(name: LayoutName, fit: boolean): Record<string, unknown> {
  switch (name) {
    case 'dagre': return { name: 'dagre', rankDir: 'LR', nodeSep: 30, rankSep: 90, edgeSep: 10, animate: false, fit, padding: 30 };
    case 'breadthfirst': return { name: 'breadthfirst', directed: true, spacingFactor: 1.1, animate: false, fit, padding: 30 };
    case 'cose': return { name: 'cose', animate: false, randomize: false, fit, padding: 30, nodeDimensionsIncludeLabels: true };
    case 'concentric': return { name: 'concentric', animate: false, fit, padding: 30, minNodeSpacing: 30 };
    case 'grid': return { name: 'grid', animate: false, fit, padding: 30, avoidOverlap: true };
  }
}

const isRealNode = (n: NodeSingular) => n.data('kind') === 'node';

/** True when dagre would be too slow: the fast layered layout (lib/graph/fast-layout.ts) is used. */
export function usesFastLayout(cy: Core, name: LayoutName): boolean {
  return name === 'dagre' && cy.nodes('[kind="node"]').length > FAST_LAYOUT_THRESHOLD;
}

/** Lays the graph out; `overviewEdges`, the edges the overview draws, count as much as those on the canvas. */
export function runLayout(cy: Core, name: LayoutName, overviewEdges: readonly EdgeElement[] = []): void {
  if (usesFastLayout(cy, name)) {
    const real = cy.nodes('[kind="node"]');
    const positions = fastLayered(
      real.map((n) => ({ id: n.id(), group: String(n.data('namespace') ?? '') })),
      [...cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id() })), ...overviewEdges.map((e) => ({ source: e.data.source, target: e.data.target }))],
    );
    cy.batch(() => {
      real.forEach((n) => {
        const p = positions.get(n.id());
        if (p) n.position(p);
      });
    });
    return;
  }
  // Cytoscape's layouts follow the edges they are given: the overview's join them for the run.
  const lent = overviewEdges.length > 0 ? cy.add([...overviewEdges] as ElementDefinition[]) : undefined;
  cy.elements().not('.marker').layout(layoutOptions(name, false) as never).run();
  lent?.remove();
}

/**
 * The fast layered layout computed from the definitions, before they are added: what runLayout
 * would give on the same elements, without moving 1,000 nodes (and dirtying their edges) after the
 * add. Undefined when the layout is not the fast one.
 */
function fastPositionsOf(nodes: readonly NodeElement[], edges: readonly EdgeElement[], name: LayoutName): Map<string, Point> | undefined {
  if (name !== 'dagre') return undefined;
  const real = nodes.filter((d) => d.data.kind === 'node');
  if (real.length <= FAST_LAYOUT_THRESHOLD) return undefined;
  return fastLayered(
    real.map((d) => ({ id: d.data.id, group: String(d.data.namespace ?? '') })),
    edges.map((d) => ({ source: d.data.source, target: d.data.target })),
  );
}

/** Markers sit at the middle of their edge. */
export function placeMarkers(cy: Core): void {
  const markers = cy.nodes('.marker');
  if (markers.empty()) return;
  cy.batch(() => {
    markers.forEach((m) => {
      const e = cy.getElementById(m.data('edge') as string);
      if (e.empty()) return;
      const s = e.source().position();
      const t = e.target().position();
      m.position({ x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 });
    });
  });
}

/** data() cannot change source, target or parent (those need move()). */
const IMMUTABLE = new Set(['source', 'target', 'parent']);

/** Moves nodes whose box changed (boxes toggled, a version appeared) into their box. */
function fixParents(cy: Core, els: GraphElements): void {
  for (const def of els.nodes) {
    const want = def.data.parent;
    const ele = cy.getElementById(def.data.id);
    if (ele.empty()) continue;
    const have = (ele as NodeSingular).parent().first();
    const haveId = have.nonempty() ? have.id() : undefined;
    if (haveId === want) continue;
    if (want !== undefined && cy.getElementById(want).empty()) continue;
    (ele as NodeSingular).move({ parent: want ?? null });
  }
}

export interface SyncResult {
  added: number;
  removed: number;
  updated: number;
  /** The layout ran (the canvas started empty or nothing had a place). */
  laidOut: boolean;
  /** The edges left to the overview (not cytoscape elements at this level of detail). */
  overview: EdgeElement[];
}

/**
 * `detail` (lib/graph/detail.ts): what the current zoom draws. Markers it does not draw are left out
 * of the canvas, labels it does not draw are switched off and refreshed without re-styling, edges it
 * leaves to the overview are handed back. `area` (model coordinates): only edges crossing it are
 * cytoscape elements, only those whose middle lies inside get their label and marker.
 */
export function syncElements(cy: Core, els: GraphElements, state: SyncState, layout: LayoutName, detail: Detail = FULL_DETAIL, area?: Box): SyncResult {
  // An edge's middle from its ends on the canvas; an end not placed yet counts as inside.
  const placed = (id: string) => {
    const n = cy.getElementById(id);
    return n.empty() ? undefined : (n as NodeSingular).position();
  };
  const inArea = (source: string, target: string): boolean => {
    if (!area) return true;
    const a = placed(source);
    const b = placed(target);
    if (!a || !b) return true;
    const x = (a.x + b.x) / 2;
    const y = (a.y + b.y) / 2;
    return x >= area.x1 && x <= area.x2 && y >= area.y1 && y <= area.y2;
  };
  const canvasEdges: EdgeElement[] = [];
  const overview: EdgeElement[] = [];
  for (const e of els.edges) {
    // (Its ends are looked up only where the answer depends on them: near the view on a big graph.)
    (edgeOnCanvas(detail, area, () => [placed(e.data.source), placed(e.data.target)]) ? canvasEdges : overview).push(e);
  }
  const edgeEnds = area ? new Map(els.edges.map((e) => [e.data.id, e.data])) : undefined;
  const markerInArea = (d: NodeElement): boolean => {
    const e = edgeEnds?.get(String(d.data.edge));
    return e === undefined || inArea(e.source, e.target);
  };
  const nodes = detail.markers ? (area ? els.nodes.filter((d) => d.data.kind !== 'marker' || markerInArea(d)) : els.nodes) : els.nodes.filter((d) => d.data.kind !== 'marker');
  const all: Array<NodeElement | EdgeElement> = [...nodes, ...canvasEdges];
  const want = new Set(all.map((d) => d.data.id));
  const startedEmpty = cy.nodes().filter(isRealNode).empty();
  const result: SyncResult = { added: 0, removed: 0, updated: 0, laidOut: false, overview };
  const toAdd: Array<NodeElement | EdgeElement> = [];
  const tolerateWidth = isBigGraph(els.edges.length);
  let parentsChanged = false;

  cy.batch(() => {
    const gone = cy.elements().filter((ele) => !want.has(ele.id()));
    // Removing a box would remove what is inside it: take wanted children out first.
    gone.nodes().forEach((n) => {
      n.children().forEach((ch) => {
        if (want.has(ch.id())) ch.move({ parent: null });
      });
    });
    gone.nodes().forEach((n) => {
      if (isRealNode(n)) state.memory.set(n.id(), { ...n.position() });
    });
    for (const id of gone.map((e) => e.id())) state.applied.delete(id);
    result.removed = gone.length;
    cy.remove(gone);

    for (const def of all) {
      const ele = cy.getElementById(def.data.id);
      const near = def.group === 'edges' ? inArea(def.data.source, def.data.target) : true;
      const classes = detailClasses(def.classes, def.group, def.data.kind as string | undefined, detail, near);
      const data = def.data as Record<string, unknown>;
      if (ele.empty()) {
        toAdd.push(classes === def.classes ? def : { ...def, classes } as typeof def);
        state.applied.set(def.data.id, { classes, data });
        continue;
      }
      const before = state.applied.get(def.data.id);
      if (def.group === 'nodes' && before?.data.parent !== def.data.parent) parentsChanged = true;
      // Each data() or classes() call re-styles the element: only what changed and is drawn.
      const patch = dataPatch(before?.data ?? {}, data, { labelDrawn: classes.endsWith(LABEL_CLASS), tolerateWidth, ignore: IMMUTABLE });
      if (patch.restyle) ele.data(patch.restyle);
      // Not drawn now: written into the element's data object (no re-style); switching the label
      // back on re-styles the element and reads it.
      if (patch.silent) Object.assign(ele.data() as Record<string, unknown>, patch.silent);
      if (before?.classes !== classes) ele.classes(classes);
      state.applied.set(def.data.id, { classes, data: patch.applied });
      if (patch.restyle || patch.silent || before?.classes !== classes) result.updated++;
    }
  });

  if (toAdd.length === 0) {
    // (A refresh mostly changes numbers: the walk over every node's parent only when a box changed.)
    if (parentsChanged) fixParents(cy, els);
    return result;
  }
  result.added = toAdd.length;
  const newReal = toAdd.filter((d): d is NodeElement => d.group === 'nodes' && d.data.kind === 'node');
  const allRemembered = newReal.every((d) => state.memory.has(d.data.id));

  if (startedEmpty && !allRemembered) {
    const fast = fastPositionsOf(toAdd.filter((d): d is NodeElement => d.group === 'nodes'), els.edges, layout);
    if (fast) {
      // Remembered places win over the layout, as below.
      cy.add(toAdd.map((d) => {
        const p = d.group === 'nodes' && d.data.kind === 'node' ? state.memory.get(d.data.id) ?? fast.get(d.data.id) : undefined;
        return p ? { ...d, position: { ...p } } : d;
      }) as ElementDefinition[]);
    } else {
      cy.add(toAdd as ElementDefinition[]);
      runLayout(cy, layout, overview);
      cy.batch(() => {
        for (const d of newReal) {
          const p = state.memory.get(d.data.id);
          if (p) cy.getElementById(d.data.id).position(p);
        }
      });
    }
    result.laidOut = true;
  } else {
    const known = new Map<string, Point>();
    cy.nodes().filter(isRealNode).forEach((n) => {
      known.set(n.id(), { ...n.position() });
    });
    const fresh = newReal.filter((d) => !state.memory.has(d.data.id)).map((d) => d.data.id);
    const placed = placeNewNodes(fresh, els.edges.map((e) => e.data), new Map([...known, ...[...state.memory].filter(([id]) => want.has(id) && !known.has(id))]));
    const withPos = toAdd.map((d) => {
      if (d.group !== 'nodes' || d.data.kind !== 'node') return d;
      const p = state.memory.get(d.data.id) ?? placed.get(d.data.id);
      return p ? { ...d, position: { ...p } } : d;
    });
    cy.add(withPos as ElementDefinition[]);
  }
  // New elements get their parent from cytoscape; a walk over every node only when a box is involved.
  if (parentsChanged || toAdd.some((d) => d.group === 'nodes' && d.data.parent !== undefined)) fixParents(cy, els);
  placeMarkers(cy);
  cy.nodes().filter(isRealNode).forEach((n) => {
    state.memory.set(n.id(), { ...n.position() });
  });
  return result;
}

/** Big graphs' viewport shortcuts: edges hidden and a bitmap panned while the view moves. */
export interface ViewportShortcuts {
  hideEdgesOnViewport: boolean;
  textureOnViewport: boolean;
}

/** Cytoscape's renderer, which reads the shortcuts on every frame (the core options only seed them at creation). */
function rendererOf(cy: Core): Record<string, unknown> | undefined {
  return (cy as Core & { renderer?: () => Record<string, unknown> | undefined }).renderer?.();
}

export function setViewportShortcuts(cy: Core, shortcuts: ViewportShortcuts): void {
  const renderer = rendererOf(cy);
  if (renderer) Object.assign(renderer, shortcuts);
}

export function viewportShortcuts(cy: Core): ViewportShortcuts {
  const r = rendererOf(cy) ?? {};
  return { hideEdgesOnViewport: r.hideEdgesOnViewport === true, textureOnViewport: r.textureOnViewport === true };
}

/**
 * Makes cytoscape read again where its container is on the page. It keeps the container's client
 * rectangle and reads it again only on a resize of the container or a scroll, transition or animation
 * of an ancestor. Content above the canvas that changes height without any of these (as the page's
 * data loads) moves the canvas, and every click, hover and wheel zoom then lands that far from the
 * pointer: in e2e/scale.spec.ts the wheel zoomed around a point ~37 px above it, and a click on a
 * node could select the box around it instead.
 */
export function forgetContainerPlace(cy: Core): void {
  const renderer = rendererOf(cy);
  const invalidate = renderer?.invalidateContainerClientCoordsCache;
  if (typeof invalidate === 'function') invalidate.call(renderer);
}
