import { expect, it } from 'vitest';
import { describeShared } from '@/scripts/testing/shared';
import { normalizeId } from './ids';
import { parseTraceDocument, TraceFormatError } from './parse';
import { nanosToMicros } from './parse-otlp';
import { tagValue } from './tags';
import { fixture } from './test-helpers';
import { buildTree } from './tree';

it('normalises hex and base64 ids', () => {
  expect(normalizeId('ABCDEF0123456789', 16)).toBe('abcdef0123456789');
  // Kiali's Tempo Bookinfo trace: base64 of the 16-byte trace id / 8-byte span id
  expect(normalizeId('O6VWCcPN5JZJzXfR+dzZNg==', 32)).toBe('3ba55609c3cde49649cd77d1f9dcd936');
  expect(normalizeId('Sc130fnc2TY=', 16)).toBe('49cd77d1f9dcd936');
});

it('converts ns strings to µs without float loss', () => {
  expect(nanosToMicros('1782036644636668325')).toBe(1782036644636668);
  expect(nanosToMicros(5000)).toBe(5);
});

it('rejects documents that are not traces', () => {
  expect(() => parseTraceDocument({ data: [{ traceID: 'x' }] })).toThrow(TraceFormatError);
  const badTag = { traceID: '1', spans: [{ traceID: '1', spanID: '2', operationName: 'o', startTime: 1, duration: 1, tags: [{ key: 'k', value: { nested: 1 } }] }] };
  expect(() => parseTraceDocument(badTag)).toThrow(/spans\.0\.tags\.0: value: expected string, number or boolean/);
  expect(() => parseTraceDocument({ result: { resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: 1 }] }] }] } })).toThrow(TraceFormatError);
});

describeShared('parsers on the recorded fixtures', () => {
  it('v1 golden ui_01: every tag type, FOLLOWS_FROM, missing parent, duplicate id, warnings', () => {
    const [t] = parseTraceDocument(fixture('jaeger-ui-format/jaeger_ui_01.json'));
    expect(t!.spans).toHaveLength(5);
    const s2 = t!.spans[1]!;
    expect(s2.serviceName).toBe('service-x');
    expect(tagValue(s2.tags, 'javascript_limit')).toBe('9223372036854775222');
    expect(s2.tags.find((x) => x.key === 'blob')).toEqual({ key: 'blob', type: 'binary', value: 'AAAwOQ==' });
    expect(tagValue(s2.tags, 'temperature')).toBe(72.5);
    expect(s2.error).toBe(true);
    expect(t!.spans[0]!.logs).toHaveLength(2);
    expect(t!.spans[3]!.references.map((r) => r.refType)).toEqual(['CHILD_OF', 'CHILD_OF', 'FOLLOWS_FROM']);
    expect(t!.spans[3]!.warnings).toEqual(['some span warning']);
    expect(t!.warnings).toEqual(['some trace warning']);
    const tree = buildTree(t!);
    expect(tree.duplicates).toEqual([1]);
    // span 4's first CHILD_OF points at trace ff / span ff (absent); the second resolves to span 2
    expect(tree.parent[3]).toBe(0);
    expect(tree.orphans).toEqual([]);
    expect(tree.parent[4]).toBe(3);
    expect(tree.roots).toEqual([0, 1]);
  });

  it('v1 envelope with errors:null, both spans orphaned and sharing one id', () => {
    const [t] = parseTraceDocument(fixture('jaeger-ui-format/jaeger_otlp2jaeger-out_envelope.json'));
    const tree = buildTree(t!);
    expect(t!.spans).toHaveLength(2);
    expect(tree.orphans).toEqual([0, 1]);
    expect(tree.roots).toHaveLength(2);
    expect(tree.duplicates).toEqual([1]);
    expect(t!.spans[0]!.kind).toBe('server');
  });

  it('OTLP input of the same conversion gives the same spans as Jaeger produced', () => {
    const [fromOtlp] = parseTraceDocument(fixture('otlp-json/jaeger_otlp2jaeger-in.json'));
    const [fromV1] = parseTraceDocument(fixture('jaeger-ui-format/jaeger_otlp2jaeger-out_envelope.json'));
    expect(fromOtlp!.traceId).toBe(fromV1!.traceId);
    expect(fromOtlp!.spans.map((s) => [s.spanId, s.operationName, s.startTimeUs, s.durationUs, s.serviceName]))
      .toEqual(fromV1!.spans.map((s) => [s.spanId, s.operationName, s.startTimeUs, s.durationUs, s.serviceName]));
    const keys = (ts: { key: string }[]) => ts.map((x) => x.key).sort();
    expect(keys(fromOtlp!.spans[0]!.tags)).toEqual(keys(fromV1!.spans[0]!.tags));
  });

  it('api_v3 HotROD trace equals its v1 conversion span for span', () => {
    const [v3] = parseTraceDocument(fixture('api-v3/jaeger-ui_hotrod_getTrace-response.json'));
    const [v1] = parseTraceDocument(fixture('derived/hotrod_from-apiv3_as-jaeger-ui.json'));
    expect(v3!.spans).toHaveLength(40);
    const key = (t: typeof v3) => t!.spans.map((s) => `${s.spanId}|${s.serviceName}|${s.operationName}|${s.startTimeUs}|${s.durationUs}|${s.kind}|${s.error}|${s.references.map((r) => r.spanId).join(',')}`).sort();
    expect(key(v3)).toEqual(key(v1));
    expect(new Set(v3!.spans.map((s) => s.serviceName)).size).toBe(6);
    expect(v3!.spans.filter((s) => s.error)).toHaveLength(3);
  });

  it('api_v3 snapshots: numeric kind and status code', () => {
    const [t] = parseTraceDocument(fixture('api-v3/jaeger_apiv3_snapshot_GetTrace.json'));
    expect(t!.traceId).toBe('00000000000000000000000000000001');
    expect(t!.spans[0]!.kind).toBe('server');
    expect(t!.spans[0]!.error).toBe(true);
    expect(parseTraceDocument(fixture('api-v3/jaeger_apiv3_snapshot_FindTraces.json'))).toHaveLength(1);
  });

  it('OTLP multi-trace upload groups spans by trace id', () => {
    const traces = parseTraceDocument(fixture('otlp-json/jaeger-ui_otlp2jaeger-multi-in-combined.json'));
    const out = parseTraceDocument(fixture('jaeger-ui-format/jaeger-ui_oltp2jaeger-multi-out.json'));
    expect(traces.map((t) => t.traceId).sort()).toEqual(out.map((t) => t.traceId).sort());
    expect(traces.reduce((n, t) => n + t.spans.length, 0)).toBe(out.reduce((n, t) => n + t.spans.length, 0));
  });

  it('real HotROD OTLP capture (N+1) parses into one 40-span trace', () => {
    const traces = parseTraceDocument(fixture('otlp-json/jaeger_mcptools_n_plus_one_full_concurrent_hotrod.json'));
    expect(traces).toHaveLength(1);
    expect(traces[0]!.spans).toHaveLength(40);
    expect(buildTree(traces[0]!).roots).toHaveLength(1);
  });

  it('Tempo Bookinfo trace (batches, base64 ids, SPAN_KIND_*) matches the Jaeger-format conversion', () => {
    const [tempo] = parseTraceDocument(fixture('istio-bookinfo/kiali_responseTrace_bookinfo_tempo-otlp.json'));
    const [jaeger] = parseTraceDocument(fixture('derived/bookinfo_from-kiali-tempo_as-jaeger-ui.json'));
    expect(tempo!.traceId).toBe('3ba55609c3cde49649cd77d1f9dcd936');
    expect(tempo!.spans).toHaveLength(8);
    const key = (t: typeof tempo) => t!.spans.map((s) => `${s.spanId}|${s.serviceName}|${s.startTimeUs}|${s.durationUs}|${s.kind}`).sort();
    expect(key(tempo)).toEqual(key(jaeger));
    expect(tempo!.spans[0]!.logs[0]!.fields[0]).toEqual({ key: 'event', type: 'string', value: 'cr' });
  });

  it('the 957-span SmartThings trace: one root, 16 services, 301 s, children ending after parents', () => {
    const [t] = parseTraceDocument(fixture('derived/smartthings-957spans_as-jaeger-ui.json'));
    const tree = buildTree(t!);
    expect(t!.spans).toHaveLength(957);
    expect(tree.roots).toHaveLength(1);
    expect(new Set(t!.spans.map((s) => s.serviceName)).size).toBe(16);
    expect(Math.round((tree.endUs - tree.startUs) / 1e6)).toBe(306);
    let overflow = 0;
    t!.spans.forEach((s, i) => {
      const p = tree.parent[i]!;
      if (p >= 0 && s.startTimeUs + s.durationUs > t!.spans[p]!.startTimeUs + t!.spans[p]!.durationUs) overflow += 1;
    });
    expect(overflow).toBe(57);
  });

  it('Jaeger UI test traces (genai, stats) parse with one root each', () => {
    for (const f of ['jaeger-ui_genaiTestTrace.json', 'jaeger-ui_stats_spanLongerAsParent.json', 'jaeger-ui_stats_testTraceNormal.json',
      'jaeger-ui_stats_traceWithOverlappingChildrenLongerThanParent.json', 'jaeger-ui_stats_traceWithSingleChildLongerThanParentAndStartsAfterParent.json']) {
      const [t] = parseTraceDocument(fixture(`jaeger-ui-format/${f}`));
      expect(buildTree(t!).roots, f).toHaveLength(1);
    }
    const [genai] = parseTraceDocument(fixture('jaeger-ui-format/jaeger-ui_genaiTestTrace.json'));
    expect(genai!.spans).toHaveLength(57);
    expect(new Set(genai!.spans.map((s) => s.serviceName)).size).toBe(10);
  });

  it('single Envoy span and the Zipkin skew conversion', () => {
    const [envoy] = parseTraceDocument(fixture('derived/zipkin-envoy-single-span_as-jaeger-ui.json'));
    expect(envoy!.spans).toHaveLength(1);
    expect(tagValue(envoy!.spans[0]!.tags, 'component')).toBe('proxy');
    const [skew] = parseTraceDocument(fixture('derived/zipkin-skew_as-jaeger-ui.json'));
    expect(buildTree(skew!).roots.map((r) => skew!.spans[r]!.operationName)).toEqual(['get']);
  });
});
