'use client';
/** react-query hooks for the traces API. Keys: ['traces', <what>, <params>]. */
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/components/ui/fetch-json';
import type { Operation, TraceSummary } from '@/lib/jaeger/model';
import { decodeTrace, type WireTrace } from '@/lib/jaeger/wire';

export function useTraceServices() {
  return useQuery({
    queryKey: ['traces', 'services'],
    queryFn: ({ signal }) => fetchJson<{ services: string[] }>('/api/traces/services', { signal }),
    staleTime: 30_000,
  });
}

export function useTraceOperations(service: string) {
  return useQuery({
    queryKey: ['traces', 'operations', service],
    queryFn: ({ signal }) => fetchJson<{ operations: Operation[] }>(`/api/traces/operations?service=${encodeURIComponent(service)}`, { signal }),
    enabled: service !== '',
    staleTime: 30_000,
  });
}

export function useTraceSearch(url: string | null) {
  return useQuery({
    queryKey: ['traces', 'search', url],
    queryFn: ({ signal }) => fetchJson<{ traces: TraceSummary[] }>(url!, { signal }),
    enabled: url !== null,
    // a search is re-run by submitting the form, not by polling
    staleTime: 10_000,
  });
}

export function useTrace(id: string) {
  return useQuery({
    queryKey: ['traces', 'trace', id],
    queryFn: async ({ signal }) => {
      const body = await fetchJson<{ trace: WireTrace }>(`/api/traces/${encodeURIComponent(id)}`, { signal });
      return { trace: decodeTrace(body.trace) };
    },
    staleTime: Infinity,
    retry: (count, err) => count < 1 && !(err instanceof Error && 'status' in err && (err as { status: number }).status === 404),
  });
}
