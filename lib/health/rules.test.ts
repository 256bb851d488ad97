import { describe, expect, it } from 'vitest';
import { DEFAULT_TOLERANCES, evaluate, parseToleranceAnnotation, tolerancesFor, worst } from './rules';

const http = (codes: Record<string, number>) => ({ protocol: 'http' as const, direction: 'inbound' as const, codes });

describe('health rule (Kiali defaults)', () => {
  it('no traffic is idle', () => {
    expect(evaluate(http({}), DEFAULT_TOLERANCES).status).toBe('idle');
    expect(evaluate(http({ '200': 0 }), DEFAULT_TOLERANCES).status).toBe('idle');
  });

  it('any 5xx is degraded, 10 % 5xx is failing', () => {
    expect(evaluate(http({ '200': 999, '503': 1 }), DEFAULT_TOLERANCES).status).toBe('degraded');
    expect(evaluate(http({ '200': 91, '503': 9 }), DEFAULT_TOLERANCES).status).toBe('degraded');
    const failing = evaluate(http({ '200': 90, '503': 10 }), DEFAULT_TOLERANCES);
    expect(failing.status).toBe('failing');
    expect(failing.worstErrorPct).toBeCloseTo(10);
  });

  it('4xx: healthy below 10 %, degraded from 10 %, failing from 20 %', () => {
    expect(evaluate(http({ '200': 91, '404': 9 }), DEFAULT_TOLERANCES).status).toBe('healthy');
    expect(evaluate(http({ '200': 90, '404': 10 }), DEFAULT_TOLERANCES).status).toBe('degraded');
    expect(evaluate(http({ '200': 80, '403': 20 }), DEFAULT_TOLERANCES).status).toBe('failing');
  });

  it('no response (code 0) is failing from 10 %', () => {
    expect(evaluate(http({ '200': 95, '0': 5 }), DEFAULT_TOLERANCES).status).toBe('degraded');
    expect(evaluate(http({ '200': 85, '0': 15 }), DEFAULT_TOLERANCES).status).toBe('failing');
  });

  it('gRPC non-OK statuses count, OK (0) does not', () => {
    const grpc = (codes: Record<string, number>) => ({ protocol: 'grpc' as const, direction: 'inbound' as const, codes });
    expect(evaluate(grpc({ '0': 100 }), DEFAULT_TOLERANCES).status).toBe('healthy');
    expect(evaluate(grpc({ '0': 85, '-': 15 }), DEFAULT_TOLERANCES).status).toBe('failing');
    expect(evaluate(grpc({ '14': 20, '200': 80 }), DEFAULT_TOLERANCES).status).toBe('failing');
  });

  it('TCP with traffic is healthy', () => {
    expect(evaluate({ protocol: 'tcp', direction: 'inbound', codes: { '-': 1000 } }, DEFAULT_TOLERANCES).status).toBe('healthy');
  });

  it('worst() orders idle < healthy < degraded < failing', () => {
    expect(worst('healthy', 'degraded')).toBe('degraded');
    expect(worst('failing', 'degraded')).toBe('failing');
    expect(worst('idle', 'healthy')).toBe('healthy');
  });

  it('per-namespace overrides come before the defaults', () => {
    const config = { rules: [{ namespace: /^prod$/, name: /.*/, tolerances: parseToleranceAnnotation('5xx,5,10,http') }] };
    const t = tolerancesFor(config, 'prod', 'reviews-v1');
    expect(evaluate(http({ '200': 97, '500': 3 }), t).status).toBe('healthy');
    expect(evaluate(http({ '200': 97, '500': 3 }), tolerancesFor(config, 'dev', 'x')).status).toBe('degraded');
  });

  it('rejects malformed annotations', () => {
    expect(() => parseToleranceAnnotation('5xx,20,10')).toThrow(/invalid health rule/);
  });
});
