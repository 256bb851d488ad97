import { describe, expect, it } from 'vitest';
import type { RangeSeries } from '../prometheus/types';
import { codeClass, codeCounts, errorPercentages, hasData, labelledSeries, latencySeries, timeGrid, trafficByClass, trafficByPeer } from './shape';

const grid = timeGrid({ startSec: 100, endSec: 120, stepSec: 10 }); // 100, 110, 120
const s = (metric: Record<string, string>, points: Array<[number, number]>): RangeSeries => ({ metric, points });

describe('timeGrid', () => {
  it('start, start+step, … ≤ end', () => expect(grid).toEqual([100, 110, 120]));
});

describe('codeClass', () => {
  it('classes HTTP codes, 0 as no response, anything else as other', () => {
    expect(codeClass('200')).toBe('2xx');
    expect(codeClass('302')).toBe('3xx');
    expect(codeClass('404')).toBe('4xx');
    expect(codeClass('503')).toBe('5xx');
    expect(codeClass('0')).toBe('no response');
    expect(codeClass('14')).toBe('other');
  });
});

const requests = [
  s({ response_code: '200', response_flags: '-' }, [[100, 6], [110, 8], [120, 9]]),
  s({ response_code: '201', response_flags: '-' }, [[100, 1], [110, 1]]),
  s({ response_code: '503', response_flags: 'FI' }, [[100, 2], [110, 1]]),
  s({ response_code: '503', response_flags: 'UF,URX' }, [[110, 0]]),
  s({ response_code: '404', response_flags: 'NR' }, [[100, 1]]),
];

describe('trafficByClass', () => {
  it('sums codes into classes per instant; a missing point is null, not 0', () => {
    const out = trafficByClass(requests, grid);
    expect(out.map((x) => x.name)).toEqual(['total', '2xx', '4xx', '5xx']);
    expect(out[0]?.points).toEqual([[100, 10], [110, 10], [120, 9]]);
    expect(out[1]?.points).toEqual([[100, 7], [110, 9], [120, 9]]);
    expect(out[2]?.points).toEqual([[100, 1], [110, null], [120, null]]);
    expect(out[3]?.points).toEqual([[100, 2], [110, 1], [120, null]]);
  });

  it('no series → no chart series', () => expect(trafficByClass([], grid)).toEqual([]));
});

describe('errorPercentages', () => {
  it('5xx and 4xx as a share of all requests at that instant', () => {
    const [e5, e4] = errorPercentages(requests, grid);
    expect(e5?.name).toBe('5xx %');
    expect(e5?.points).toEqual([[100, 20], [110, 10], [120, 0]]);
    expect(e4?.points).toEqual([[100, 10], [110, 0], [120, 0]]);
  });

  it('null where there were no requests, and a no-response series when code 0 occurs', () => {
    const out = errorPercentages([s({ response_code: '0' }, [[110, 1]]), s({ response_code: '200' }, [[110, 3]])], grid);
    expect(out.map((x) => x.name)).toEqual(['5xx %', '4xx %', 'no response %']);
    expect(out[2]?.points).toEqual([[100, null], [110, 25], [120, null]]);
  });
});

describe('trafficByPeer', () => {
  it('inbound: one series per source workload, unknown callers named', () => {
    const out = trafficByPeer([
      s({ source_workload_namespace: 'default', source_workload: 'reviews-v2' }, [[100, 1]]),
      s({ source_workload_namespace: 'unknown', source_workload: 'unknown' }, [[100, 2]]),
      s({ source_workload_namespace: 'default', source_workload: 'reviews-v3' }, [[100, 3]]),
    ], grid);
    expect(out.map((x) => x.name)).toEqual(['default/reviews-v2', 'default/reviews-v3', 'unknown (caller outside the mesh)']);
    expect(out[1]?.points[0]).toEqual([100, 3]);
  });

  it('outbound: service → workload', () => {
    const out = trafficByPeer([s({ destination_service_name: 'ratings', destination_workload_namespace: 'default', destination_workload: 'ratings-v1' }, [[110, 4]])], grid);
    expect(out[0]?.name).toBe('ratings → default/ratings-v1');
    const versioned = trafficByPeer([s({ source_workload_namespace: 'default', source_workload: 'reviews', source_canonical_revision: 'v2' }, [[100, 1]])], grid);
    expect(versioned[0]?.name).toBe('default/reviews (v2)');
    const aborted = trafficByPeer([s({ destination_service_name: 'ratings', destination_workload_namespace: 'unknown', destination_workload: 'unknown' }, [[110, 1]])], grid);
    expect(aborted[0]?.name).toBe('ratings → no workload reached');
  });
});

describe('latencySeries', () => {
  // 40 % in (5,10], 40 % in (10,25], 20 % in (25,50] ms at t=100: p50 = 10 + 15·(1/4) = 13.75,
  // p90 = 25 + 25·(1/2) = 37.5, p95 = 25 + 25·(1.5/2) = 43.75, p99 = 25 + 25·(1.9/2) = 48.75.
  const buckets = [
    s({ le: '5' }, [[100, 0]]),
    s({ le: '10' }, [[100, 4]]),
    s({ le: '25' }, [[100, 8]]),
    s({ le: '50' }, [[100, 10]]),
    s({ le: '+Inf' }, [[100, 10], [110, 0]]),
  ];
  it('quantiles by linear interpolation inside the bucket, null without observations', () => {
    const out = latencySeries(buckets, [s({}, [[100, 17.5], [110, Number.NaN]])], grid);
    const at = (name: string) => out.find((x) => x.name === name)?.points;
    expect(at('p50')?.[0]?.[1]).toBeCloseTo(13.75, 9);
    expect(at('p90')?.[0]?.[1]).toBeCloseTo(37.5, 9);
    expect(at('p95')?.[0]?.[1]).toBeCloseTo(43.75, 9);
    expect(at('p99')?.[0]?.[1]).toBeCloseTo(48.75, 9);
    expect(at('p95')?.[1]).toEqual([110, null]);
    expect(at('average')).toEqual([[100, 17.5], [110, null], [120, null]]);
  });
});

describe('labelledSeries', () => {
  it('keeps only the branches that answered, in the given order, with their labels', () => {
    const out = labelledSeries([
      s({ meshscope_series: 'tcp_sent' }, [[100, 200]]),
      s({ meshscope_series: 'request_bytes' }, [[100, 50]]),
    ], grid, [['request_bytes', 'request bytes/s'], ['response_bytes', 'response bytes/s'], ['tcp_sent', 'TCP sent']]);
    expect(out.map((x) => x.name)).toEqual(['request bytes/s', 'TCP sent']);
  });
});

describe('codeCounts', () => {
  it('drops zero rows and sorts by rate', () => {
    expect(codeCounts([
      { metric: { response_code: '200', response_flags: '-' }, value: 5 },
      { metric: { response_code: '503', response_flags: 'FI' }, value: 2.5 },
      { metric: { response_code: '404', response_flags: 'NR' }, value: 0 },
    ])).toEqual([{ code: '200', flags: '-', rps: 5 }, { code: '503', flags: 'FI', rps: 2.5 }]);
  });
});

describe('hasData', () => {
  it('true only when some point is above zero', () => {
    expect(hasData([{ name: 'x', points: [[1, null], [2, 0]] }])).toBe(false);
    expect(hasData([{ name: 'x', points: [[1, 0.1]] }])).toBe(true);
  });
});
