import { describe, expect, it } from 'vitest';
import { codeClass, codeRows } from './edge-details';
import { tedge } from './test-graph';

describe('codeRows', () => {
  it('shares and flags, busiest first; 5xx and no-response are errors', () => {
    const e = tedge('a', 'b', {
      responses: [{ code: '0', flag: 'DC', rps: 1 }, { code: '200', flag: '-', rps: 6 }, { code: '503', flag: 'UO', rps: 1 }, { code: '503', flag: 'FI', rps: 2 }],
    });
    expect(codeRows(e)).toEqual([
      { code: '200', rps: 6, percent: 60, flags: [{ flag: '-', rps: 6 }], isError: false },
      { code: '503', rps: 3, percent: 30, flags: [{ flag: 'FI', rps: 2 }, { flag: 'UO', rps: 1 }], isError: true },
      { code: '0', rps: 1, percent: 10, flags: [{ flag: 'DC', rps: 1 }], isError: true },
    ]);
  });

  it('gRPC status 0 is OK, others are errors', () => {
    const rows = codeRows(tedge('a', 'b', { protocol: 'grpc', responses: [{ code: '0', flag: '-', rps: 3 }, { code: '14', flag: '-', rps: 1 }] }));
    expect(rows.map((r) => [r.code, r.isError])).toEqual([['0', false], ['14', true]]);
    expect(codeClass('grpc', '0')).toBe('OK');
    expect(codeClass('grpc', '14')).toBe('gRPC error');
    expect(codeClass('http', '404')).toBe('4xx');
    expect(codeClass('http', '0')).toBe('no response');
  });
});
