import { expect, it } from 'vitest';
import { describeShared } from '@/scripts/testing/shared';
import { parseTraceDocument } from './parse';
import { fixture, miniTrace } from './test-helpers';
import { decodeTrace, encodeTrace } from './wire';

it('round-trips a small trace exactly', () => {
  const t = miniTrace([{ id: 'a', start: 1000, dur: 10 }, { id: 'b', parent: 'a', ref: 'FOLLOWS_FROM', start: 1002, dur: 3, kind: 'server' }]);
  t.spans[0]!.tags.push({ key: 'error', type: 'bool', value: true }, { key: 'x', type: 'float64', value: 1.5 });
  t.spans[0]!.logs.push({ timestampUs: 1005, fields: [{ key: 'event', type: 'string', value: 'cr' }] });
  t.spans[1]!.warnings.push('skewed');
  expect(decodeTrace(JSON.parse(JSON.stringify(encodeTrace(t))))).toEqual(t);
});

describeShared('wire format on the fixtures', () => {
  it('round-trips every tag type (int64 beyond 2^53 stays a string) and the 2k Istio trace', () => {
    for (const f of ['jaeger-ui-format/jaeger_ui_01.json', 'synthetic/istio-bookinfo-shaped-2k-skew-orphans-errors.json', 'api-v3/jaeger-ui_hotrod_getTrace-response.json']) {
      const [t] = parseTraceDocument(fixture(f));
      expect(decodeTrace(JSON.parse(JSON.stringify(encodeTrace(t!)))), f).toEqual(t);
    }
    const [big] = parseTraceDocument(fixture('synthetic/istio-bookinfo-shaped-2k-skew-orphans-errors.json'));
    expect(JSON.stringify(encodeTrace(big!)).length).toBeLessThan(JSON.stringify(big).length / 4);
  });
});

describeShared('v1 JSON straight to the wire format matches parse-then-encode', () => {
  it('on every v1 fixture', async () => {
    const { v1DocumentToWire } = await import('./wire-v1');
    for (const f of ['jaeger-ui-format/jaeger_ui_01.json', 'jaeger-ui-format/jaeger_otlp2jaeger-out_envelope.json', 'jaeger-ui-format/jaeger-ui_genaiTestTrace.json',
      'jaeger-ui-format/jaeger-ui_oltp2jaeger-multi-out.json', 'derived/bookinfo_from-kiali-tempo_as-jaeger-ui.json', 'derived/hotrod_from-apiv3_as-jaeger-ui.json',
      'derived/smartthings-957spans_as-jaeger-ui.json', 'derived/zipkin-skew_as-jaeger-ui.json', 'synthetic/istio-bookinfo-shaped-2k-skew-orphans-errors.json']) {
      const doc = fixture(f);
      expect(v1DocumentToWire(doc).map(decodeTrace), f).toEqual(parseTraceDocument(doc));
    }
    expect(() => v1DocumentToWire({ traceID: '1', spans: [{ traceID: '1', spanID: '2', operationName: 'o', startTime: 1, duration: 1, tags: [7] }] })).toThrow(/spans\.0\.tags\.0/);
  });
});
