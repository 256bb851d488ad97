import { expect, it } from 'vitest';
import { formChanges, readSearchForm, searchApiUrl } from './search-url';

it('a link from a service page is a search: service + start/end in µs pass through to the API', () => {
  const form = readSearchForm(new URLSearchParams('service=reviews.default&start=1000000&end=2000000&namespaces=default'));
  expect(form.service).toBe('reviews.default');
  expect(searchApiUrl(form)).toBe('/api/traces?service=reviews.default&start=1000000&end=2000000');
});

it('no service → no search; empty fields are dropped from the URL', () => {
  expect(searchApiUrl(readSearchForm(new URLSearchParams('')))).toBeNull();
  const changes = formChanges({ ...readSearchForm(new URLSearchParams('')), service: 'productpage.default', tags: 'error=true ' });
  expect(changes.service).toBe('productpage.default');
  expect(changes.tags).toBe('error=true');
  expect(changes.operation).toBeNull();
});

it('builds the link-in URL for a service page and for a graph edge', async () => {
  const { tracesHref } = await import('./search-url');
  const { parseTags } = await import('./query');
  expect(tracesHref({ app: 'reviews', namespace: 'default', startUs: 1000, endUs: 2000 })).toBe('/traces?service=reviews.default&start=1000&end=2000');
  const edge = new URL(tracesHref({ app: 'productpage', namespace: 'default', upstream: { host: 'reviews.default.svc.cluster.local', port: 9080 } }), 'http://x');
  expect(edge.searchParams.get('service')).toBe('productpage.default');
  expect(parseTags(edge.searchParams.get('tags')!)).toEqual({ upstream_cluster: 'outbound|9080||reviews.default.svc.cluster.local' });
});
