import { describe, expect, it } from 'vitest';
import {
  assertK8sName, chooseStepSeconds, escapeRegex, oneOf, parseDurationSeconds, quote, selector,
} from './promql';

describe('promql builder', () => {
  it('quotes label values so they cannot end the string', () => {
    expect(quote('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });

  it('escapes regex metacharacters in oneOf', () => {
    expect(escapeRegex('a.b|c')).toBe('a\\.b\\|c');
    expect(selector('istio_requests_total', [oneOf('destination_workload_namespace', ['default', 'bookinfo'])]))
      .toBe('istio_requests_total{destination_workload_namespace=~"default|bookinfo"}');
  });

  it('an empty oneOf matches nothing rather than everything', () => {
    expect(oneOf('x', []).value).toBe('(?!)');
  });

  it('rejects names that are not Kubernetes names', () => {
    expect(() => assertK8sName('namespace', 'default"} or vector(1)')).toThrow(/invalid namespace/);
    expect(() => assertK8sName('namespace', 'Default')).toThrow();
    expect(assertK8sName('namespace', 'istio-system')).toBe('istio-system');
  });

  it('rejects label names that could inject syntax', () => {
    expect(() => selector('m', [{ label: 'a"}', op: '=', value: 'x' }])).toThrow(/invalid label name/);
  });

  it('parses durations', () => {
    expect(parseDurationSeconds('60s')).toBe(60);
    expect(parseDurationSeconds('5m')).toBe(300);
    expect(parseDurationSeconds('6h')).toBe(21600);
    expect(() => parseDurationSeconds('5 minutes')).toThrow(/invalid duration/);
    expect(() => parseDurationSeconds('0s')).toThrow(/positive/);
  });

  it('chooses a step giving at most ~300 points and never over 11,000', () => {
    expect(chooseStepSeconds(3600)).toBe(12); // 3600/300
    expect(3600 / chooseStepSeconds(3600)).toBeLessThanOrEqual(300);
    expect(chooseStepSeconds(60, 300, 5)).toBe(5);
    expect(30 * 86400 / chooseStepSeconds(30 * 86400, 100_000)).toBeLessThanOrEqual(11_000);
  });
});
