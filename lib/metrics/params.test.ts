import { describe, expect, it } from 'vitest';
import { defaultReporter, parseDetailParams, parseDuration, parseKindSegment, parseName, parseNamespaces, SignalsParamsError } from './params';

const q = (s: string) => new URLSearchParams(s);

describe('signals params', () => {
  it('kind segments', () => {
    expect(parseKindSegment('services')).toBe('service');
    expect(parseKindSegment('apps')).toBe('app');
    expect(() => parseKindSegment('pods')).toThrow(SignalsParamsError);
  });
  it('names must be Kubernetes names', () => {
    expect(parseName('service', 'reviews')).toBe('reviews');
    expect(() => parseName('service', 'Reviews')).toThrow(/invalid service/);
    expect(() => parseName('namespace', 'a"b')).toThrow(/invalid namespace/);
  });
  it('namespaces: required, deduplicated, validated', () => {
    expect(parseNamespaces(q('namespaces=default,bookinfo,default'))).toEqual(['default', 'bookinfo']);
    expect(() => parseNamespaces(q(''))).toThrow(/required/);
    expect(() => parseNamespaces(q('namespaces=ok,BAD'))).toThrow(/invalid namespace "BAD"/);
  });
  it('duration: default 5m, 1s–6h', () => {
    expect(parseDuration(q(''))).toBe(300);
    expect(parseDuration(q('duration=1h'))).toBe(3600);
    expect(() => parseDuration(q('duration=7h'))).toThrow(/between/);
    expect(() => parseDuration(q('duration=abc'))).toThrow(/invalid duration/);
  });
  it('detail: defaults, the reporter by kind and direction, no outbound for a service', () => {
    expect(parseDetailParams('service', q(''))).toEqual({ durationSec: 300, direction: 'inbound', reporter: 'source', split: false });
    expect(parseDetailParams('workload', q('direction=inbound&split=true'))).toMatchObject({ reporter: 'destination', split: true });
    expect(parseDetailParams('app', q('direction=outbound&reporter=destination'))).toMatchObject({ direction: 'outbound', reporter: 'destination' });
    expect(() => parseDetailParams('service', q('direction=outbound'))).toThrow(/only inbound/);
    expect(() => parseDetailParams('app', q('reporter=waypoint'))).toThrow(/invalid reporter/);
    expect(() => parseDetailParams('app', q('direction=sideways'))).toThrow(/invalid direction/);
    expect(() => parseDetailParams('app', q('split=maybe'))).toThrow(/invalid split/);
    expect(parseDetailParams('app', q('queryTime=1800000000')).queryTimeSec).toBe(1_800_000_000);
  });
  it('defaultReporter', () => {
    expect(defaultReporter('workload', 'outbound')).toBe('source');
    expect(defaultReporter('workload', 'inbound')).toBe('destination');
  });
});
