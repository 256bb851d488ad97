import { describe, expect, it } from 'vitest';
import { buildNodeSeriesQueries, mergeSeries, parseNodeSeriesRequest } from './node-series';

const p = (s: string) => new URLSearchParams(s);

describe('parseNodeSeriesRequest', () => {
  it('validates names before they reach PromQL', () => {
    expect(parseNodeSeriesRequest(p('nodeType=versionedApp&namespace=default&name=reviews&version=v2&duration=5m'))).toEqual({ nodeType: 'versionedApp', namespace: 'default', name: 'reviews', version: 'v2', durationSec: 300 });
    expect(() => parseNodeSeriesRequest(p('nodeType=pod&namespace=default&name=x'))).toThrow(/unknown nodeType/);
    expect(() => parseNodeSeriesRequest(p('nodeType=workload&namespace=default&name=x"}'))).toThrow(/invalid name/);
    expect(() => parseNodeSeriesRequest(p('nodeType=workload&name=x'))).toThrow(/namespace is required/);
    expect(() => parseNodeSeriesRequest(p('nodeType=workload&namespace=a&name=x&duration=7h'))).toThrow(/between/);
  });
});

describe('buildNodeSeriesQueries', () => {
  it('counts in-mesh callers from the source reporter and proxy-less callers from the destination', () => {
    const q = buildNodeSeriesQueries({ nodeType: 'workload', namespace: 'default', name: 'ratings-v1', durationSec: 300 }, 2);
    expect(q.stepSec).toBe(5); // 300 s / 60 points
    expect(q.inRps).toBe('sum(rate(istio_requests_total{reporter="source",destination_workload_namespace="default",destination_workload="ratings-v1"}[8s]) or rate(istio_requests_total{reporter="destination",source_workload="unknown",destination_workload_namespace="default",destination_workload="ratings-v1"}[8s]))');
    expect(q.inErrors).toContain('response_code=~"0|4..|5.."');
    expect(q.outRps).toBe('sum(rate(istio_requests_total{reporter="source",source_workload_namespace="default",source_workload="ratings-v1"}[8s]))');
    const svc = buildNodeSeriesQueries({ nodeType: 'service', namespace: 'default', name: 'reviews', durationSec: 3600 }, 15);
    expect(svc.outRps).toBeUndefined();
    expect(svc.inRps).toContain('destination_service_name="reviews"');
    expect(svc.stepSec).toBe(60);
  });
});

describe('mergeSeries', () => {
  it('joins on time, error percent of inbound, missing samples are zero', () => {
    expect(mergeSeries([[10, 4], [20, 2]], [[10, 1]], [[10, 3], [30, 1]])).toEqual([
      { t: 10, inRps: 4, outRps: 3, errorPercent: 25 },
      { t: 20, inRps: 2, outRps: 0, errorPercent: 0 },
      { t: 30, inRps: 0, outRps: 1, errorPercent: null },
    ]);
    expect(mergeSeries([[1, 1]], [], undefined)).toEqual([{ t: 1, inRps: 1, outRps: null, errorPercent: 0 }]);
  });
});
