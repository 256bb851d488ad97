'use client';
import { Banner } from '@/components/ui/banner';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import type { GraphView } from '@/lib/graph/view';
import type { GraphResponse } from '@/lib/graph/types';

export interface GraphNoticesProps {
  data?: GraphResponse;
  view?: GraphView;
  error: unknown;
  dataUpdatedAt: number;
  focus: string;
  onClearFocus(): void;
  onClearHide(): void;
}

/** Everything the page has to say about the graph: failures, warnings from the API, focus and hide. */
export function GraphNotices({ data, view, error, dataUpdatedAt, focus, onClearFocus, onClearHide }: GraphNoticesProps) {
  return (
    <div className="graph-notices">
      {error ? <ErrorBanner what="the graph" error={error} staleSince={data ? dataUpdatedAt : undefined} /> : null}
      {data?.warnings.map((w) => <Banner key={w} kind="info" title="About this graph">{w}</Banner>)}
      {focus !== '' && view && !view.focusMissing ? (
        <Banner kind="info" title={`Focused on ${focus}`}>
          Only what is upstream and downstream of this node is shown. <button type="button" onClick={onClearFocus}>Show whole graph</button>
        </Banner>
      ) : null}
      {view?.focusMissing ? (
        <Banner kind="warning" title={`${focus} is not in this graph`}>
          It had no traffic in the window, or it is in a namespace that is not selected, or it belongs to another graph type. Showing the whole graph.{' '}
          <button type="button" onClick={onClearFocus}>Clear focus</button>
        </Banner>
      ) : null}
      {view && view.hiddenCount > 0 ? (
        <Banner kind="info" title={`${view.hiddenCount} nodes and edges hidden`}>
          <button type="button" onClick={onClearHide}>Show them</button>
        </Banner>
      ) : null}
      {data && data.nodes.length === 0 && !error ? (
        <EmptyState title="No traffic to show">
          Nothing in {data.namespaces.join(', ')} sent or received requests in this window. Pick a longer window, other namespaces, or turn on idle nodes to see what is deployed.
        </EmptyState>
      ) : null}
    </div>
  );
}
