'use client';
/**
 * The cytoscape canvas (client only; loaded through next/dynamic with ssr:false). One long-lived cy
 * instance: refreshes update elements in place (cy-sync.ts), dragged arrangements are saved per view
 * in localStorage and restored. Under it, the overview canvas draws the edges a big graph leaves out
 * of cytoscape at its zoom (edge-overview.ts). Exposes a read-only test hook on window.__meshscopeGraph.
 */
import cytoscape, { type Core, type EventObject } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import CytoscapeComponent from 'react-cytoscapejs';
import type { ColorMode, LayoutName } from '@/lib/graph/display-params';
import type { GraphElements } from '@/lib/graph/elements';
import { parseSavedPositions, serializePositions, storageKey, type Point } from '@/lib/graph/placement';
import { boxContains, detailArea, detailAt, FAR_DETAIL, isBigGraph, sameDetail, type Box, type Detail } from '@/lib/graph/detail';
import { fitViewport } from '@/lib/graph/fit';
import { installInitialStyleShortcut } from './cy-initial-style';
import { forgetContainerPlace, placeMarkers, runLayout, setViewportShortcuts, syncElements, type SyncResult, type SyncState } from './cy-sync';
import { EdgeOverview } from './edge-overview';
import { buildStylesheet, readColors } from './graph-style';
import { installTestHook } from './test-hook';
import { collectSvgModel } from './svg-model';
import type { SvgModel } from '@/lib/graph/svg-export';

const g = globalThis as typeof globalThis & { __meshscopeDagre?: boolean };
if (!g.__meshscopeDagre) {
  cytoscape.use(dagre);
  g.__meshscopeDagre = true;
}

export type Selection = { kind: 'node' | 'edge'; id: string } | null;

export interface CanvasApi {
  png(): string;
  svgModel(): SvgModel;
  fit(): void;
}

export interface GraphCanvasProps {
  elements: GraphElements;
  viewKey: string;
  layout: LayoutName;
  /** Bump to discard the saved arrangement and lay the graph out again. */
  relayout: number;
  colorBy: ColorMode;
  /** Many elements: cheaper straight edges. */
  large?: boolean;
  selected: Selection;
  onSelect(sel: Selection): void;
  onReady?(api: CanvasApi): void;
}

const NO_ELEMENTS: never[] = [];

/** Screen pixels kept free around a fitted graph. */
const FIT_PADDING = 30;

/**
 * The PNG export's longer side at most (px): twice the graph's size up to that. A 1,000-workload graph
 * at twice its size was a 32 MB image that took half a minute to make.
 */
const PNG_MAX_SIDE_PX = 4096;

/**
 * Fits the graph to the canvas. Big graphs are fitted from their nodes' centres (lib/graph/fit.ts):
 * cytoscape's fit would measure every node and namespace box, and the first frame's style pass
 * throws those boxes away (on 1,000 workloads, fit took 73–102 ms; from the centres, 2–6 ms, for a
 * zoom 0.8 % smaller). Asking for the edges' box as well would also make cytoscape compute every
 * edge's geometry here and again in the next frame.
 */
function fitGraph(cy: Core, edgeCount: number): void {
  if (!isBigGraph(edgeCount)) {
    cy.fit(undefined, FIT_PADDING);
    return;
  }
  const centres: Point[] = [];
  cy.nodes().forEach((n) => {
    if (n.isChildless()) centres.push(n.position());
  });
  const v = fitViewport(centres, { width: cy.width(), height: cy.height(), padding: FIT_PADDING, minZoom: cy.minZoom(), maxZoom: cy.maxZoom() });
  if (v) cy.viewport(v);
}

type CanvasState = SyncState & { view: string; layout: LayoutName; relayout: number; detail: Detail; area?: Box; overview?: EdgeOverview; selected?: string };

/**
 * syncElements, and the edges it leaves out of cytoscape to the overview. The selected element stays
 * selected when it moves between the two (a zoom hands edges over).
 */
function syncCanvas(cy: Core, els: GraphElements, s: CanvasState, layout: LayoutName, detail: Detail, area?: Box): SyncResult {
  const r = syncElements(cy, els, s, layout, detail, area);
  s.overview?.setEdges(r.overview);
  if (s.selected !== undefined) {
    const ele = cy.getElementById(s.selected);
    if (ele.nonempty() && !ele.selected()) ele.select();
  }
  return r;
}

/**
 * Runs `read` with every edge on cytoscape's canvas and every label and marker of the current zoom
 * (exports draw the whole graph from cytoscape), then puts the canvas back as it was.
 */
function withWholeGraph<T>(cy: Core, els: GraphElements, s: CanvasState, layout: LayoutName, read: () => T): T {
  const partial = s.area !== undefined || !s.detail.canvasEdges;
  if (partial) syncCanvas(cy, els, s, layout, { ...s.detail, canvasEdges: true });
  try {
    return read();
  } finally {
    if (partial) syncCanvas(cy, els, s, layout, s.detail, s.area);
  }
}

/**
 * Brings labels and markers in line with the zoom and the visible part (lib/graph/detail.ts): a sync
 * when the zoom crosses a level of detail or the view leaves the area that has them (or `force`).
 */
function followViewport(cy: Core, s: CanvasState, els: GraphElements, layout: LayoutName, force = false): void {
  const d = detailAt(cy.zoom(), els.edges.length);
  const extent = cy.extent();
  const stale = s.area !== undefined && !boxContains(s.area, extent);
  if (!force && sameDetail(d, s.detail) && !stale && (s.area !== undefined || detailArea(extent, d, els.edges.length) === undefined)) return;
  s.detail = d;
  s.area = detailArea(extent, d, els.edges.length);
  syncCanvas(cy, els, s, layout, d, s.area);
}

function loadMemory(view: string): Map<string, Point> {
  try {
    return parseSavedPositions(window.localStorage.getItem(storageKey(view)));
  } catch {
    return new Map();
  }
}

export function GraphCanvas({ elements, viewKey, layout, relayout, colorBy, large = false, selected, onSelect, onReady }: GraphCanvasProps) {
  const [cy, setCy] = useState<Core | null>(null);
  const state = useRef<CanvasState>({ memory: new Map(), applied: new Map(), view: '', layout, relayout, detail: FAR_DETAIL });
  const elementsRef = useRef(elements);
  elementsRef.current = elements;
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const [colors, setColors] = useState(readColors);

  // Re-read the theme's colours when the theme changes.
  useEffect(() => {
    const obs = new MutationObserver(() => setColors(readColors()));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => obs.disconnect();
  }, []);
  const stylesheet = useMemo(() => buildStylesheet(colors, colorBy, large), [colors, colorBy, large]);
  const overviewCanvas = useRef<HTMLCanvasElement>(null);
  const lookRef = useRef({ colorBy, colors });
  lookRef.current = { colorBy, colors };

  const cyCallback = useCallback((instance: Core) => {
    installInitialStyleShortcut(instance);
    setCy((prev) => (prev === instance ? prev : instance));
  }, []);

  // The overview layer, once per instance (before the element sync below hands it its edges).
  useEffect(() => {
    const canvas = overviewCanvas.current;
    if (!cy || !canvas) return;
    const overview = new EdgeOverview(cy, canvas, lookRef.current);
    state.current.overview = overview;
    return () => {
      overview.destroy();
      if (state.current.overview === overview) state.current.overview = undefined;
    };
  }, [cy]);

  // Events, once per instance.
  useEffect(() => {
    if (!cy) return;
    let frame = 0;
    const onPosition = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        placeMarkers(cy);
      });
    };
    const save = () => {
      const s = state.current;
      cy.nodes('[kind="node"]').forEach((n) => {
        s.memory.set(n.id(), { ...n.position() });
      });
      try {
        window.localStorage.setItem(storageKey(s.view), serializePositions(s.memory));
      } catch {
        // Storage full or disabled: the arrangement lasts for this page only.
      }
    };
    const tapNode = (e: EventObject) => onSelectRef.current({ kind: 'node', id: e.target.id() });
    const tapEdge = (e: EventObject) => onSelectRef.current({ kind: 'edge', id: e.target.id() });
    // A click on the background may be on an edge the overview draws.
    const tapBg = (e: EventObject) => {
      if (e.target !== cy) return;
      const edge = state.current.overview?.edgeAt(e.position);
      onSelectRef.current(edge ? { kind: 'edge', id: edge } : null);
    };
    // Crossing a level-of-detail zoom, or panning a zoomed-in big graph, moves labels and markers
    // (lib/graph/detail.ts): once the view has settled, not on every frame of a gesture.
    let viewportTimer: ReturnType<typeof setTimeout> | undefined;
    const onViewport = () => {
      clearTimeout(viewportTimer);
      viewportTimer = setTimeout(() => followViewport(cy, state.current, elementsRef.current, layoutRef.current), 120);
    };
    cy.on('viewport', onViewport);
    cy.on('position', 'node[kind="node"]', onPosition);
    cy.on('dragfree', 'node', save);
    cy.on('tap', 'node[kind="node"]', tapNode);
    cy.on('tap', 'edge', tapEdge);
    cy.on('tap', tapBg);
    const removeHook = installTestHook(cy, () => state.current.overview);
    // The container changes size when the side panel or legend opens.
    const container = cy.container();
    // (Not on the observer's first call, which reports the size cytoscape already has: a resize
    // redraws everything, on a big graph a second full paint right after the first.)
    const ro = container
      ? new ResizeObserver(() => {
          if (container.clientWidth !== cy.width() || container.clientHeight !== cy.height()) cy.resize();
        })
      : undefined;
    if (container) ro?.observe(container);
    // Where the canvas is on the page is read again as each pointer gesture starts (see
    // forgetContainerPlace); the capture phase on the parent runs before cytoscape's own handlers.
    const pointerArea = container?.parentElement;
    const refreshPlace = () => forgetContainerPlace(cy);
    const pointerEvents = ['mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
    for (const type of pointerEvents) pointerArea?.addEventListener(type, refreshPlace, { capture: true, passive: true });
    onReady?.({
      // The whole graph, not only what is near the view, all drawn by cytoscape.
      png: () => withWholeGraph(cy, elementsRef.current, state.current, layoutRef.current, () => {
        // (Cytoscape's maxWidth / maxHeight do nothing beside a scale; its pixel ratio multiplies the scale.)
        const bb = cy.elements().boundingBox();
        const longer = Math.max(bb.w, bb.h, 1) * (window.devicePixelRatio || 1);
        return cy.png({ full: true, scale: Math.min(2, PNG_MAX_SIDE_PX / longer), bg: readColors().bg, output: 'base64uri' }) as string;
      }),
      svgModel: () => withWholeGraph(cy, elementsRef.current, state.current, layoutRef.current, () => collectSvgModel(cy, elementsRef.current)),
      fit: () => fitGraph(cy, elementsRef.current.edges.length),
    });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      clearTimeout(viewportTimer);
      cy.removeListener('viewport', onViewport);
      cy.removeListener('position', 'node[kind="node"]', onPosition);
      cy.removeListener('dragfree', 'node', save);
      cy.removeListener('tap', 'node[kind="node"]', tapNode);
      cy.removeListener('tap', 'edge', tapEdge);
      cy.removeListener('tap', tapBg);
      removeHook();
      ro?.disconnect();
      for (const type of pointerEvents) pointerArea?.removeEventListener(type, refreshPlace, { capture: true });
    };
  }, [cy, onReady]);

  // The overview's colours follow the theme and the colour mode.
  useEffect(() => {
    state.current.overview?.setLook({ colorBy, colors });
  }, [cy, colorBy, colors]);

  // Elements: in place, positions kept; a new view starts from its saved arrangement.
  useEffect(() => {
    if (!cy) return;
    const s = state.current;
    let fit = false;
    if (s.view !== viewKey) {
      cy.elements().remove();
      s.applied.clear();
      s.memory = loadMemory(viewKey);
      s.view = viewKey;
      fit = true;
    }
    // A big graph fills the canvas when it starts: far out, without what that zoom does not draw.
    const n = elements.edges.length;
    if (cy.nodes().empty()) {
      s.detail = isBigGraph(n) ? FAR_DETAIL : detailAt(1, n);
      s.area = undefined;
    } else {
      // (The graph may have crossed the big-graph size since the last sync.)
      s.detail = detailAt(cy.zoom(), n);
      const extent = cy.extent();
      const area = detailArea(extent, s.detail, n);
      s.area = area && s.area && boxContains(s.area, extent) ? s.area : area;
    }
    performance.mark('meshscope:graph-sync-start');
    const t0 = performance.now();
    const r = syncCanvas(cy, elements, s, layoutRef.current, s.detail, s.area);
    (window as unknown as { __meshscopeGraphSyncMs?: number }).__meshscopeGraphSyncMs = performance.now() - t0;
    if (fit || r.laidOut) {
      fitGraph(cy, elements.edges.length);
      followViewport(cy, s, elements, layoutRef.current);
    }
  }, [cy, elements, viewKey]);

  // An explicit layout choice or reset: lay out again and forget the saved arrangement.
  useEffect(() => {
    if (!cy) return;
    const s = state.current;
    if (s.layout === layout && s.relayout === relayout) return;
    s.layout = layout;
    s.relayout = relayout;
    runLayout(cy, layout, s.overview?.edges);
    placeMarkers(cy);
    // Edges moved: which are near the view changes.
    if (s.area) followViewport(cy, s, elementsRef.current, layout, true);
    s.memory.clear();
    try {
      window.localStorage.removeItem(storageKey(s.view));
    } catch {
      // ignore
    }
    fitGraph(cy, elementsRef.current.edges.length);
  }, [cy, layout, relayout]);

  // Viewport shortcuts for big graphs (edges hidden and a bitmap panned while the view moves). The
  // props below are read once, when cytoscape is created, usually before the first answer: the
  // renderer's flags are kept in line with the graph shown instead.
  const textureOnViewport = elements.nodes.length > 1500;
  const hideEdgesOnViewport = elements.edges.length > 3000;
  useEffect(() => {
    if (cy) setViewportShortcuts(cy, { textureOnViewport, hideEdgesOnViewport });
  }, [cy, textureOnViewport, hideEdgesOnViewport]);

  // Selection from outside (the table, the URL).
  useEffect(() => {
    if (!cy) return;
    cy.$(':selected').unselect();
    if (selected) cy.getElementById(selected.id).select();
    state.current.selected = selected?.id;
    state.current.overview?.setLook({ selected: selected?.kind === 'edge' ? selected.id : undefined });
  }, [cy, selected, elements]);

  return (
    <>
      <canvas ref={overviewCanvas} className="graph-overview" aria-hidden="true" />
      <CytoscapeComponent
        elements={NO_ELEMENTS}
        stylesheet={stylesheet as never}
        cy={cyCallback}
        className="graph-canvas"
        minZoom={0.05}
        maxZoom={4}
        boxSelectionEnabled={false}
        textureOnViewport={textureOnViewport}
        hideEdgesOnViewport={hideEdgesOnViewport}
      />
    </>
  );
}
