import { describe, expect, it } from 'vitest';
import { durationSeconds, readGlobalParams, refreshIntervalMs, withGlobalParams } from './url-state';

describe('global URL state', () => {
  it('reads valid params and drops invalid ones', () => {
    const p = readGlobalParams(new URLSearchParams('namespaces=default,bookinfo,Bad%22ns&duration=1h&refresh=7s'));
    expect(p).toEqual({ namespaces: ['default', 'bookinfo'], duration: '1h', refresh: '15s' });
  });

  it('defaults when absent', () => {
    expect(readGlobalParams(new URLSearchParams(''))).toEqual({ namespaces: ['default'], duration: '5m', refresh: '15s' });
  });

  it('round-trips through a link', () => {
    const href = withGlobalParams('/graph', { namespaces: ['a', 'b'], duration: '10m', refresh: 'off' }, { graphType: 'app' });
    expect(href).toBe('/graph?namespaces=a%2Cb&duration=10m&refresh=off&graphType=app');
    expect(readGlobalParams(new URLSearchParams(href.split('?')[1]))).toEqual({ namespaces: ['a', 'b'], duration: '10m', refresh: 'off' });
  });

  it('converts durations and refresh intervals', () => {
    expect(durationSeconds('6h')).toBe(21600);
    expect(durationSeconds('5m')).toBe(300);
    expect(refreshIntervalMs('1m')).toBe(60_000);
    expect(refreshIntervalMs('off')).toBe(false);
  });
});
