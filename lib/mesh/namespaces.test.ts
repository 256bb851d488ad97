import { describe, expect, it } from 'vitest';
import { namespacesFromTelemetry } from './namespaces';
import type { PrometheusClient } from '../prometheus/client';

describe('namespacesFromTelemetry', () => {
  it('unions both sides, drops unknown, sorts', async () => {
    const answers: Record<string, Array<Record<string, string>>> = {
      destination: [{ destination_workload_namespace: 'default' }, { destination_workload_namespace: 'unknown' }],
      source: [{ source_workload_namespace: 'istio-system' }, { source_workload_namespace: 'default' }],
    };
    const p: PrometheusClient = {
      baseUrl: 'x',
      query: async (q) => (answers[q.includes('reporter="source"') ? 'source' : q.includes('reporter="destination"') ? 'destination' : 'none'] ?? [])
        .map((metric) => ({ metric, value: 1, timestampSec: 0 })),
      queryRange: async () => [],
    };
    expect(await namespacesFromTelemetry(p)).toEqual(['default', 'istio-system']);
  });
});
