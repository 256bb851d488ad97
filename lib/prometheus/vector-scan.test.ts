import { describe, expect, it } from 'vitest';
import { fastVectorSamples, parseSampleValue, successEnvelopeSchema, vectorResultSchema, type VectorSample } from './types';
import { scanVectorAnswer, VectorAnswerReader } from './vector-scan';

/**
 * The general path, written independently of the scan: JSON.parse, the envelope and vector schemas.
 * undefined where it would not produce samples (an error, a scalar, malformed JSON).
 */
function generalPath(body: Uint8Array): VectorSample[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return undefined;
  }
  const envelope = successEnvelopeSchema.safeParse(json);
  if (!envelope.success) return undefined;
  const vector = vectorResultSchema.safeParse(envelope.data.data);
  if (!vector.success) return undefined;
  return vector.data.result.map((s) => ({ metric: s.metric, timestampSec: s.value[0], value: parseSampleValue(s.value[1]) }));
}

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** Deep equality that tells -0 from 0 and NaN from anything, and checks the order of the label keys. */
function expectSame(a: VectorSample[] | undefined, b: VectorSample[] | undefined): void {
  expect(a?.length).toBe(b?.length);
  for (let i = 0; i < (a?.length ?? 0); i += 1) {
    const x = a?.[i] as VectorSample;
    const y = b?.[i] as VectorSample;
    expect(Object.entries(x.metric)).toEqual(Object.entries(y.metric));
    expect(Object.is(x.value, y.value)).toBe(true);
    expect(Object.is(x.timestampSec, y.timestampSec)).toBe(true);
  }
}

/** The reader fed `body` in pieces cut at `cuts`. */
function readInPieces(body: Uint8Array, cuts: number[]): VectorSample[] | undefined {
  const reader = new VectorAnswerReader();
  let from = 0;
  for (const cut of [...cuts, body.length]) {
    reader.push(body.subarray(from, cut));
    from = cut;
  }
  return reader.end();
}

/** As Prometheus writes it: compact, status first, then data. */
function prometheusAnswer(rows: Array<{ metric: Record<string, string>; value: [number, string] }>): string {
  return JSON.stringify({ status: 'success', data: { resultType: 'vector', result: rows } });
}

describe('scanVectorAnswer', () => {
  it('reads a histogram answer as the general path does, reusing repeated label strings', () => {
    const identity = 'default|productpage-v1|productpage|v1|default|reviews.default.svc.cluster.local|reviews';
    const les = ['+Inf', '0.5', '1', '5', '10', '25'];
    const values = ['1.7272727272727273', '0', '0', '0.1', '0.95', '1.7272727272727273'];
    const body = bytes(prometheusAnswer(les.map((le, i) => ({ metric: { identity, le }, value: [1796538988.123, values[i] as string] }))));
    const scanned = scanVectorAnswer(body);
    expectSame(scanned, generalPath(body));
    expect(scanned?.[3]).toEqual({ metric: { identity, le: '5' }, timestampSec: 1796538988.123, value: 0.1 });
    expect(scanned?.[0]?.metric.identity).toBe(identity);
  });

  it.each([
    ['NaN, infinities, exponents, negative zero, long and short decimals', ['NaN', '+Inf', '-Inf', '1e-05', '-0', '0.30000000000000004', '123456789012345', '1234567890123456', '007', '.5', '5.', '']],
    ['values from a real rate()', ['0.016666666666666666', '2.5', '1200', '0.9', '33.333333333333336']],
  ])('reads sample values as parseSampleValue does: %s', (_what, values) => {
    const body = bytes(prometheusAnswer(values.map((v, i) => ({ metric: { i: String(i) }, value: [1790000600, v] }))));
    const scanned = scanVectorAnswer(body);
    expect(scanned).toBeDefined();
    expectSame(scanned, generalPath(body));
  });

  it('reads timestamps as JSON numbers, to the bit', () => {
    for (const t of ['1790000600', '1790000600.5', '1790000600.125', '1.7900006e9', '0', '-12.5', '1796538988.1234567']) {
      const body = bytes(`{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[${t},"1"]}]}}`);
      expectSame(scanVectorAnswer(body), generalPath(body));
      expect(scanVectorAnswer(body)?.[0]?.timestampSec).toBe(JSON.parse(t));
    }
  });

  it('decodes escapes and UTF-8 in labels', () => {
    const metric = { path: '/a"b\\c', name: 'naïve ☃ \u0001', empty: '' };
    const body = bytes(prometheusAnswer([{ metric, value: [1, '1'] }, { metric, value: [2, '2'] }]));
    const scanned = scanVectorAnswer(body);
    expect(scanned?.[1]?.metric).toEqual(metric);
    expectSame(scanned, generalPath(body));
  });

  it('reads VictoriaMetrics envelopes (extra fields before and after data) and pretty-printed JSON', () => {
    const rows = [{ metric: { __name__: 'up', job: 'x' }, value: [1790000600, '1'] }];
    const vm = bytes(`{"status":"success","isPartial":false,"data":{"resultType":"vector","result":${JSON.stringify(rows)}},"stats":{"seriesFetched": "1","executionTimeMsec":0,"nested":[true,null,-1.5e3,{"a":"}"}]}}`);
    expectSame(scanVectorAnswer(vm), generalPath(vm));
    expect(scanVectorAnswer(vm)).toHaveLength(1);
    const pretty = bytes(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: rows } }, null, 2));
    expectSame(scanVectorAnswer(pretty), generalPath(pretty));
    expect(scanVectorAnswer(pretty)).toHaveLength(1);
    const empty = bytes('{"status":"success","data":{"resultType":"vector","result":[]}}');
    expect(scanVectorAnswer(empty)).toEqual([]);
  });

  it.each([
    ['an error envelope', '{"status":"error","errorType":"bad_data","error":"parse error"}'],
    ['a scalar', '{"status":"success","data":{"resultType":"scalar","result":[1,"2"]}}'],
    ['a matrix', '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"2"]]}]}}'],
    ['result before resultType', '{"status":"success","data":{"result":[],"resultType":"vector"}}'],
    ['warnings (left to the envelope schema)', '{"status":"success","data":{"resultType":"vector","result":[]},"warnings":["w"]}'],
    ['a __proto__ label', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__proto__":"x"},"value":[1,"1"]}]}}'],
    ['a number label', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":1},"value":[1,"1"]}]}}'],
    ['a numeric value', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,1]}]}}'],
    ['a string timestamp', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":["1","1"]}]}}'],
    ['a three-element value', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1","x"]}]}}'],
    ['no value', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}}'],
    ['a bad number', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[01,"1"]}]}}'],
    ['truncated', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}'],
    ['trailing bytes', '{"status":"success","data":{"resultType":"vector","result":[]}} x'],
    ['a raw control character', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"\u0001"},"value":[1,"1"]}]}}'],
    ['no status', '{"data":{"resultType":"vector","result":[]}}'],
    ['not JSON at all', '<html>502 Bad Gateway</html>'],
    ['empty', ''],
  ])('steps aside on %s', (_what, text) => {
    expect(scanVectorAnswer(bytes(text))).toBeUndefined();
  });

  it('never disagrees with the general path on damaged answers (fuzzed)', () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({
      metric: { identity: `ns|wl-${i % 2}|app|v${i}`, le: ['0.5', '+Inf', '1e3'][i % 3] as string },
      value: [1790000600 + i / 8, ['0', '1.5', 'NaN', '-2', '1e-7', '33.333333333333336'][i] as string] as [number, string],
    }));
    const good = bytes(`{"status":"success","isPartial":false,"data":{"resultType":"vector","result":${JSON.stringify(rows)}}}`);
    // A small deterministic generator (mulberry32), so a failure can be replayed.
    let seed = 20261206;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = Buffer.from('{}[]:,"\\ 0123456789.-+eE' + 'abcnulltruefalse\u00e9');
    let scanned = 0;
    for (let round = 0; round < 3000; round += 1) {
      const body = Buffer.from(good);
      for (let k = 1 + Math.floor(random() * 3); k > 0; k -= 1) {
        body[Math.floor(random() * body.length)] = alphabet[Math.floor(random() * alphabet.length)] as number;
      }
      const fast = scanVectorAnswer(body);
      const cut = Math.floor(random() * body.length);
      expectSame(readInPieces(body, [cut, Math.min(body.length, cut + 7)]), fast);
      if (fast === undefined) continue;
      scanned += 1;
      const general = generalPath(body);
      expect(general, body.toString('utf8')).toBeDefined();
      expectSame(fast, general);
    }
    // Many damaged answers are still valid JSON the scan reads (a changed digit, a changed letter).
    expect(scanned).toBeGreaterThan(300);
  });

  it('agrees with the parsed-object check (fastVectorSamples) on an answer both read', () => {
    const body = bytes(prometheusAnswer([{ metric: { a: 'x', b: 'y' }, value: [10, '2.25'] }]));
    expectSame(scanVectorAnswer(body), fastVectorSamples((JSON.parse(body.toString('utf8')) as { data: unknown }).data));
  });

  it('reads an answer arriving in pieces as it reads the whole, wherever the pieces are cut', () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ metric: { identity: 'ns|wl|a"b|v1', le: ['0.5', '+Inf'][i % 2] as string }, value: [1790000600.5 + i, ['0', '1.5', 'NaN', '12345678.25', '1e-7'][i] as string] as [number, string] }));
    const bodies = [
      bytes(prometheusAnswer(rows)),
      bytes(`{"status":"success","isPartial":false,"data":{"resultType":"vector","result":${JSON.stringify(rows)}},"stats":{"seriesFetched":"5","executionTimeMsec":2}}`),
      bytes(JSON.stringify({ data: { resultType: 'vector', result: rows }, status: 'success' }, null, 1)),
      bytes('{"status":"success","data":{"resultType":"vector","result":[]}}'),
    ];
    for (const body of bodies) {
      const whole = scanVectorAnswer(body);
      expect(whole).toBeDefined();
      for (let cut = 0; cut <= body.length; cut += 1) expectSame(readInPieces(body, [cut]), whole);
      expectSame(readInPieces(body, Array.from({ length: body.length }, (_, i) => i)), whole);
    }
    // Cut after the last series, the end of the envelope is still checked.
    const truncated = bodies[0]?.subarray(0, (bodies[0]?.length ?? 0) - 1) as Uint8Array;
    expect(readInPieces(truncated, [truncated.length - 10])).toBeUndefined();
  });

  it('reads series before the answer is complete', () => {
    const body = bytes(prometheusAnswer([{ metric: { a: '1' }, value: [1, '1'] }, { metric: { a: '2' }, value: [2, '2'] }]));
    const reader = new VectorAnswerReader();
    const secondRow = body.indexOf('{"metric":{"a":"2"');
    reader.push(body.subarray(0, secondRow + 5));
    // What is left unread is the second series' start, not the whole body.
    expect((reader as unknown as { pending: Uint8Array }).pending.length).toBe(5);
    reader.push(body.subarray(secondRow + 5));
    expect(reader.end()?.map((x) => x.metric.a)).toEqual(['1', '2']);
  });
});
