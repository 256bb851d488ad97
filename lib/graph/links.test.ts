import { describe, expect, it } from 'vitest';
import { detailHref, edgeTracesHref, focusHref, traceService, tracesHref } from './links';
import { tedge, tnode } from './test-graph';

describe('links', () => {
  it('detail pages per node type', () => {
    expect(detailHref(tnode('wl:default:reviews-v2'))).toBe('/workloads/default/reviews-v2');
    expect(detailHref(tnode('vapp:default:reviews:v2'))).toBe('/apps/default/reviews');
    expect(detailHref(tnode('app:default:reviews'))).toBe('/apps/default/reviews');
    expect(detailHref(tnode('svc:default:reviews'))).toBe('/services/default/reviews');
    expect(detailHref(tnode('unknown'))).toBeUndefined();
    expect(detailHref(tnode('ext:PassthroughCluster'))).toBeUndefined();
  });

  it('traces by <app>.<namespace>', () => {
    expect(traceService(tnode('wl:default:reviews-v2'))).toBe('reviews.default');
    expect(tracesHref(tnode('vapp:default:reviews:v2'))).toBe('/traces?service=reviews.default');
    expect(tracesHref(tnode('svc:default:ratings'))).toBe('/traces?service=ratings.default');
    expect(tracesHref(tnode('unknown'))).toBeUndefined();
    const src = tnode('vapp:default:reviews:v2');
    const dst = tnode('vapp:default:ratings:v1');
    expect(edgeTracesHref(tedge(src.id, dst.id), src, dst)).toBe('/traces?service=ratings.default&peer=reviews.default');
    expect(edgeTracesHref(tedge('unknown', dst.id), tnode('unknown'), dst)).toBe('/traces?service=ratings.default');
  });

  it('focus links', () => {
    expect(focusHref('wl:default:reviews-v2')).toBe('/graph?focus=wl%3Adefault%3Areviews-v2');
  });
});
