import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, formatPct, formatRps, windowWords } from './format';
import { detailHref, graphHref, tracesHref } from './links';
import { applyTable, healthCounts, parseTableState } from './table';
import type { EntityRow } from './types';

const params = { namespaces: ['default'], duration: '5m' as const, refresh: '15s' as const };

describe('links', () => {
  it('detail pages carry the global params', () => {
    expect(detailHref('service', 'default', 'reviews', params)).toBe('/services/default/reviews?namespaces=default&duration=5m&refresh=15s');
  });
  it('graph focus on the node of the matching graph type, adding the namespace when not selected', () => {
    expect(graphHref('workload', 'bookinfo', 'reviews-v2', params)).toBe('/graph?namespaces=bookinfo&duration=5m&refresh=15s&graphType=workload&focus=wl%3Abookinfo%3Areviews-v2');
    expect(graphHref('service', 'default', 'reviews', params)).toContain('graphType=versionedApp&focus=svc%3Adefault%3Areviews');
    expect(graphHref('app', 'default', 'reviews', params)).toContain('graphType=app&focus=app%3Adefault%3Areviews');
  });
  it('traces: <app>.<ns> and microseconds', () => {
    expect(tracesHref('reviews', 'default', 1_800_000_000, 1_800_000_060.5)).toBe('/traces?service=reviews.default&start=1800000000000000&end=1800000060500000');
  });
});

describe('format', () => {
  it('rps, percent, ms, bytes, window', () => {
    expect(formatRps(3.456)).toBe('3.46');
    expect(formatRps(0.001)).toBe('<0.01');
    expect(formatRps(null)).toBe('–');
    expect(formatPct(50)).toBe('50.0%');
    expect(formatPct(2.5)).toBe('2.50%');
    expect(formatMs(23.16)).toBe('23.2 ms');
    expect(formatMs(1500)).toBe('1.50 s');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(windowWords(300)).toBe('5 minutes');
    expect(windowWords(3600)).toBe('1 hour');
  });
});

const row = (name: string, health: EntityRow['health'], inRps: number, inErrorPct: number | null): EntityRow => ({
  kind: 'service', namespace: 'default', name, nodeId: `svc:default:${name}`, app: name, health, inRps, outRps: 0, inErrorPct, outErrorPct: null,
  inP95Ms: null, mtlsPct: null, tcpBps: 0, badges: { virtualServices: [], destinationRules: [], validation: [] },
});

describe('applyTable', () => {
  const rows = [row('reviews', 'healthy', 10, 0), row('ratings', 'failing', 3, 50), row('details', 'idle', 0, null)];
  it('sorts by a number, nulls last either way', () => {
    expect(applyTable(rows, { sort: 'inErrorPct', desc: true, filter: '', health: 'all' }).map((r) => r.name)).toEqual(['ratings', 'reviews', 'details']);
    expect(applyTable(rows, { sort: 'inErrorPct', desc: false, filter: '', health: 'all' }).map((r) => r.name)).toEqual(['reviews', 'ratings', 'details']);
  });
  it('sorts by health severity and filters by name and health', () => {
    expect(applyTable(rows, { sort: 'health', desc: true, filter: '', health: 'all' }).map((r) => r.name)).toEqual(['ratings', 'reviews', 'details']);
    expect(applyTable(rows, { sort: 'name', desc: false, filter: 'RAT', health: 'all' }).map((r) => r.name)).toEqual(['ratings']);
    expect(applyTable(rows, { sort: 'name', desc: false, filter: '', health: 'idle' }).map((r) => r.name)).toEqual(['details']);
  });
  it('state from the URL with safe defaults; counts by health', () => {
    expect(parseTableState(new URLSearchParams('sort=evil&health=x'))).toEqual({ sort: 'name', desc: false, filter: '', health: 'all' });
    expect(healthCounts(rows)).toEqual({ healthy: 1, degraded: 0, failing: 1, idle: 1 });
  });
});

describe('chart data', async () => {
  const { toChartRows, seriesStats } = await import('./chart-data');
  const chart = { series: [{ name: '2xx', points: [[10, 1], [20, 3]] as Array<[number, number | null]> }, { name: '5xx', points: [[10, null], [20, 1]] as Array<[number, number | null]> }] };
  it('one row per instant with every series', () => {
    expect(toChartRows(chart)).toEqual([{ t: 10, '2xx': 1, '5xx': null }, { t: 20, '2xx': 3, '5xx': 1 }]);
  });
  it('last, max and average ignore missing points', () => {
    expect(seriesStats(chart)).toEqual([{ name: '2xx', last: 3, max: 3, avg: 2 }, { name: '5xx', last: 1, max: 1, avg: 1 }]);
  });
});
