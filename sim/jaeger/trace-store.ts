/** Bounded in-memory store of the simulator's finished traces (oldest evicted first). */
export interface SimSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  serviceName: string;
  operationName: string;
  kind: 'client' | 'server';
  startTimeUs: number;
  durationUs: number;
  tags: Record<string, string | number | boolean>;
  processTags: Record<string, string>;
  logs?: Array<{ timestampUs: number; fields: Record<string, string | number | boolean> }>;
}

export interface TraceStore {
  add(trace: SimSpan[]): void;
  size(): number;
  get(traceId: string): SimSpan[] | undefined;
  all(): Iterable<SimSpan[]>;
}

export function createTraceStore(options: { maxTraces?: number } = {}): TraceStore {
  const max = options.maxTraces ?? 5000;
  const traces = new Map<string, SimSpan[]>();
  return {
    add(trace) {
      const id = trace[0]?.traceId;
      if (!id) return;
      traces.set(id, trace);
      while (traces.size > max) {
        const oldest = traces.keys().next().value;
        if (oldest === undefined) break;
        traces.delete(oldest);
      }
    },
    size: () => traces.size,
    get: (id) => traces.get(id),
    all: () => traces.values(),
  };
}
