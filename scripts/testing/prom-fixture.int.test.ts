import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusClient } from '../../lib/prometheus/client';
import { sampleLine, startPrometheusWithData, startVictoriaMetricsWithData, type EngineWithData } from './prom-fixture';

// A counter growing by 30 every 15 s for 10 minutes: rate = 2/s, which both engines must agree on
// for a window aligned to the samples.
const T0 = 1_790_000_000;
const lines = ['# TYPE demo_requests counter'];
for (let i = 0; i <= 40; i += 1) lines.push(sampleLine('demo_requests_total', { job: 'fixture' }, 30 * i, T0 + 15 * i));
lines.push('# EOF');
const text = lines.join('\n');

describe.each([
  ['prometheus', startPrometheusWithData],
  ['victoria-metrics', startVictoriaMetricsWithData],
] as const)('%s with backfilled data', (_name, start) => {
  let engine: EngineWithData;
  beforeAll(async () => {
    engine = await start(text);
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it('answers the known counter value and rate', async () => {
    const client = createPrometheusClient(engine.url);
    const [last] = await client.query('demo_requests_total', { timeSec: T0 + 600 });
    expect(last?.value).toBe(1200);
    const [rate] = await client.query('rate(demo_requests_total[5m])', { timeSec: T0 + 600 });
    expect(rate?.value).toBeCloseTo(2, 6);
  });
});
