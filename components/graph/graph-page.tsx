'use client';
/**
 * The /graph page: URL state → /api/graph (react-query, polled) → focus/hide/find (lib/graph/view)
 * → cytoscape elements (lib/graph/elements) → one long-lived canvas. Components render; the shaping
 * is in lib/graph.
 */
import { useSearchParams } from '@/components/ui/navigation';
import { useCallback, useMemo, useRef, useState } from 'react';
import { displayToUrl, effectiveBoxes, readGraphDisplay, viewKey, type GraphDisplay } from '@/lib/graph/display-params';
import { toElements, type GraphElements } from '@/lib/graph/elements';
import { FAST_LAYOUT_THRESHOLD } from '@/lib/graph/fast-layout';
import { toSvg } from '@/lib/graph/svg-export';
import { applyView } from '@/lib/graph/view';
import { useGlobalParams, useUrlParamSetter } from '@/components/ui/use-global-params';
import type { CanvasApi, Selection } from './graph-canvas';
import { GraphCanvasLazy } from './graph-canvas-loader';
import { download, exportName } from './graph-export';
import { GraphLegend } from './graph-legend';
import { GraphNotices } from './graph-notices';
import { GraphSidePanel } from './graph-side-panel';
import { GraphTables } from './graph-tables';
import { GraphToolbar } from './graph-toolbar';
import { useGraph } from './use-graph';
import './graph.css';

const EMPTY: GraphElements = { nodes: [], edges: [] };

export function GraphPage() {
  const [global] = useGlobalParams();
  const search = useSearchParams();
  const display = useMemo(() => readGraphDisplay(search), [search]);
  const setUrl = useUrlParamSetter();
  const setDisplay = useCallback((c: Partial<GraphDisplay>) => setUrl(displayToUrl(c)), [setUrl]);
  const query = useGraph(global, display);
  const data = query.data;
  const [selected, setSelected] = useState<Selection>(null);
  const [relayout, setRelayout] = useState(0);
  const canvas = useRef<CanvasApi | null>(null);

  const view = useMemo(
    () => (data ? applyView(data, { find: display.find, hide: display.hide, focus: display.focus }) : undefined),
    [data, display.find, display.hide, display.focus],
  );
  const big = (view?.graph.nodes.length ?? 0) > FAST_LAYOUT_THRESHOLD;
  const boxes = effectiveBoxes(display, view?.graph.nodes.length ?? 0, FAST_LAYOUT_THRESHOLD);
  const elements = useMemo(
    () => (view
      ? toElements(view.graph, {
          edgeLabels: display.edgeLabels,
          security: display.security || display.colorBy === 'security',
          namespaceBoxes: boxes.namespaceBoxes,
          appBoxes: boxes.appBoxes,
          found: view.found,
          focus: view.focusMissing ? undefined : display.focus,
        })
      : EMPTY),
    [view, display.edgeLabels, display.security, display.colorBy, boxes.namespaceBoxes, boxes.appBoxes, display.focus],
  );
  // The arrangement belongs to the graph on screen (its namespaces and type), not to the URL that
  // may already ask for the next one.
  const key = data ? viewKey(data.namespaces, data.graphType) : '';

  const onReady = useCallback((api: CanvasApi) => {
    canvas.current = api;
  }, []);

  const onExport = (kind: 'png' | 'svg' | 'json') => {
    if (!data || !view) return;
    const name = (ext: string) => exportName(data.namespaces, data.graphType, ext);
    if (kind === 'json') download(name('json'), JSON.stringify({ ...data, nodes: view.graph.nodes, edges: view.graph.edges }, null, 2), 'application/json');
    else if (kind === 'png' && canvas.current) download(name('png'), canvas.current.png(), 'image/png');
    else if (kind === 'svg' && canvas.current) download(name('svg'), toSvg(canvas.current.svgModel()), 'image/svg+xml');
  };

  return (
    <main className="page page--wide graph-page">
      <div className="row graph-page__title">
        <h1>Graph</h1>
        <span className="muted" aria-live="polite">
          {data ? `${data.nodes.length} nodes · ${data.edges.length} edges · ${global.namespaces.join(', ')} · last ${global.duration}` : query.isLoading ? 'Loading…' : ''}
          {data ? ` · updated ${new Date(query.dataUpdatedAt).toLocaleTimeString()}` : ''}
        </span>
      </div>
      <GraphToolbar
        display={{ ...display, ...boxes }}
        onChange={setDisplay}
        onResetLayout={() => setRelayout((n) => n + 1)}
        onExport={onExport}
        onRefresh={() => void query.refetch()}
        refreshing={query.isFetching}
        findError={view?.findError}
        hideError={view?.hideError}
      />
      {view && big ? (
        <p className="muted graph-page__note">
          {view.graph.nodes.length} nodes: {display.layout === 'dagre' ? 'laid out with a fast layered layout (dagre takes minutes at this size); ' : ''}
          {boxes.namespaceBoxes || boxes.appBoxes ? '' : 'namespace and app boxes are off (tick them to draw them, slower); '}
          drag nodes to arrange them, the arrangement is kept.
        </p>
      ) : null}
      <GraphNotices
        data={data}
        view={view}
        error={query.error}
        dataUpdatedAt={query.dataUpdatedAt}
        focus={display.focus}
        onClearFocus={() => setDisplay({ focus: '' })}
        onClearHide={() => setDisplay({ hide: '' })}
      />
      <div className={`graph-layout${selected ? ' graph-layout--panel' : ''}${display.legend ? ' graph-layout--legend' : ''}`}>
        <div className="graph-canvas-wrap card" aria-label="Service graph" role="figure">
          <GraphCanvasLazy
            elements={elements}
            viewKey={key}
            layout={display.layout}
            relayout={relayout}
            colorBy={display.colorBy}
            large={big}
            selected={selected}
            onSelect={setSelected}
            onReady={onReady}
          />
        </div>
        {data && selected ? (
          <GraphSidePanel graph={data} selected={selected} global={global} focus={display.focus} onFocus={(id) => setDisplay({ focus: id ?? '' })} onClose={() => setSelected(null)} />
        ) : null}
        {display.legend ? <GraphLegend colorBy={display.colorBy} /> : null}
      </div>
      {display.table && view ? <GraphTables graph={view.graph} found={view.found} onSelect={setSelected} /> : null}
    </main>
  );
}
