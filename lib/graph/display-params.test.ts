import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY, displayToUrl, effectiveBoxes, graphApiQuery, graphApiUrl, readGraphDisplay, viewKey } from './display-params';

const params = (s: string) => new URLSearchParams(s);

describe('readGraphDisplay', () => {
  it('defaults: versioned app graph, rps labels, health colours, security markers on, dagre', () => {
    expect(readGraphDisplay(params(''))).toEqual(DEFAULT_DISPLAY);
    expect(DEFAULT_DISPLAY).toMatchObject({ graphType: 'versionedApp', edgeLabels: 'rps', colorBy: 'health', security: true, layout: 'dagre' });
  });

  it('reads every option and ignores invalid values', () => {
    const d = readGraphDisplay(params('graphType=workload&edgeLabels=p95&colorBy=security&security=0&nsBoxes=0&appBoxes=false&idleNodes=1&layout=cose&find=rps%20%3E%205&focus=wl:default:reviews-v2&table=1'));
    expect(d).toMatchObject({ graphType: 'workload', edgeLabels: 'p95', colorBy: 'security', security: false, namespaceBoxes: false, appBoxes: false, idleNodes: true, layout: 'cose', find: 'rps > 5', focus: 'wl:default:reviews-v2', table: true });
    const bad = readGraphDisplay(params('graphType=nodes&edgeLabels=loud&layout=spiral&security=maybe'));
    expect(bad).toMatchObject({ graphType: 'versionedApp', edgeLabels: 'rps', layout: 'dagre', security: true });
  });

  it('round-trips through displayToUrl, dropping defaults from the URL', () => {
    const changes = displayToUrl({ graphType: 'service', security: false, edgeLabels: 'rps', find: 'name = reviews', namespaceBoxes: true });
    expect(changes).toEqual({ graphType: 'service', security: '0', edgeLabels: null, find: 'name = reviews', nsBoxes: '1' });
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(changes)) if (v !== null) q.set(k, v);
    expect(readGraphDisplay(q)).toMatchObject({ graphType: 'service', security: false, find: 'name = reviews' });
  });
});

describe('focus links from other pages', () => {
  it('pick the graph type from the node id unless the URL names one', () => {
    expect(readGraphDisplay(params('focus=wl:default:reviews-v2')).graphType).toBe('workload');
    expect(readGraphDisplay(params('focus=vapp:default:reviews:v2')).graphType).toBe('versionedApp');
    expect(readGraphDisplay(params('focus=app:default:reviews')).graphType).toBe('app');
    expect(readGraphDisplay(params('focus=svc:default:reviews')).graphType).toBe('versionedApp');
    expect(readGraphDisplay(params('focus=wl:default:reviews-v2&graphType=service')).graphType).toBe('service');
  });
});

describe('effectiveBoxes', () => {
  it('drops boxes on big graphs unless the URL chose them', () => {
    expect(effectiveBoxes(readGraphDisplay(params('')), 100, 250)).toEqual({ namespaceBoxes: true, appBoxes: true });
    expect(effectiveBoxes(readGraphDisplay(params('')), 1000, 250)).toEqual({ namespaceBoxes: false, appBoxes: false });
    expect(effectiveBoxes(readGraphDisplay(params('nsBoxes=1')), 1000, 250)).toEqual({ namespaceBoxes: true, appBoxes: true });
    expect(effectiveBoxes(readGraphDisplay(params('appBoxes=0')), 10, 250)).toEqual({ namespaceBoxes: true, appBoxes: false });
  });
});

describe('graphApiQuery / viewKey', () => {
  it('builds the API query from the view', () => {
    const q = new URLSearchParams(graphApiQuery(['default', 'bookinfo'], '5m', { ...DEFAULT_DISPLAY, idleNodes: true }));
    expect(q.get('namespaces')).toBe('default,bookinfo');
    expect(q.get('graphType')).toBe('versionedApp');
    expect(q.get('duration')).toBe('5m');
    expect(q.get('idleNodes')).toBe('true');
    expect(q.get('format')).toBe('compact'); // the page decodes lib/graph/compact.ts
  });

  it('keys arrangements by sorted namespaces and graph type', () => {
    expect(viewKey(['b', 'a'], 'app')).toBe('a,b|app');
    expect(viewKey(['a', 'b'], 'app')).toBe(viewKey(['b', 'a'], 'app'));
    expect(viewKey(['a'], 'app')).not.toBe(viewKey(['a'], 'workload'));
  });
});

describe('graphApiUrl', () => {
  it('the API request a /graph URL makes: global params and the server-side display options only', () => {
    expect(graphApiUrl(params('namespaces=bookinfo,default&duration=1m&refresh=off&graphType=workload&serviceNodes=0&edgeLabels=p95&find=x')))
      .toBe('/api/graph?namespaces=bookinfo%2Cdefault&graphType=workload&duration=1m&injectServiceNodes=false&idleNodes=false&format=compact');
    // Defaults fill what the URL leaves out, as on the page.
    expect(graphApiUrl(params(''))).toBe(`/api/graph?${graphApiQuery(['default'], '5m', DEFAULT_DISPLAY)}`);
  });
});
