'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { CompactGraphError, decodeCompactGraph } from '@/lib/graph/compact';
import { graphApiQuery, type GraphDisplay } from '@/lib/graph/display-params';
import type { GraphResponse } from '@/lib/graph/types';
import { refreshIntervalMs, type GlobalParams } from '@/lib/url-state';
import { ApiError, fetchJson } from '@/components/ui/fetch-json';

/** Query keys for the graph page: [resource, namespaces, params]. */
export const graphKeys = {
  graph: (namespaces: readonly string[], query: string) => ['graph', namespaces.join(','), query] as const,
  nodeSeries: (query: string) => ['graph-node-series', query] as const,
};

/**
 * The graph for the view, polled on the global refresh interval. A failed poll keeps the last good
 * graph (react-query keeps `data` on error) so the page can mark it stale. Only options the server
 * uses are in the key: changing a label mode does not refetch. The first request of a page load is
 * preloaded by app/graph/page.tsx (graphApiUrl in lib/graph/display-params builds the same URL).
 */
export function useGraph(global: GlobalParams, display: GraphDisplay) {
  const query = graphApiQuery(global.namespaces, global.duration, display);
  return useQuery({
    queryKey: graphKeys.graph(global.namespaces, query),
    queryFn: async ({ signal }) => {
      const body = await fetchJson<unknown>(`/api/graph?${query}`, { signal });
      let graph: GraphResponse;
      try {
        graph = decodeCompactGraph(body);
      } catch (err) {
        if (err instanceof CompactGraphError) throw new ApiError(`Unexpected answer from /api/graph: ${err.message}`, 200);
        throw err;
      }
      performance.mark('meshscope:graph-fetched'); // for the benchmark's breakdown
      return graph;
    },
    refetchInterval: refreshIntervalMs(global.refresh),
    // Keep showing the previous graph while another window or option loads (no blank canvas).
    placeholderData: keepPreviousData,
    // Every poll brings a new graph; a deep compare of thousands of nodes and edges per refresh costs
    // more than it saves (the canvas diffs elements itself).
    structuralSharing: false,
  });
}
