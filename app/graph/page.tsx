import { preload } from 'react-dom';
import { GraphPage } from '@/components/graph/graph-page';
import { graphApiUrl } from '@/lib/graph/display-params';

export const dynamic = 'force-dynamic';

export const metadata = { title: 'Graph · Meshscope' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The graph's data starts loading with the HTML instead of after the scripts: the page's first
  // fetch of the same URL (components/graph/use-graph.ts) takes the preloaded answer.
  const search = new URLSearchParams(Object.entries(await searchParams).flatMap(([k, v]) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => [k, x])));
  preload(graphApiUrl(search), { as: 'fetch', crossOrigin: 'anonymous' });
  return <GraphPage />;
}
