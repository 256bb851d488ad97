/** Test helpers: read a Jaeger fixture from ../shared, and build tiny traces by hand. */
import { readFileSync } from 'node:fs';
import { sharedPath } from '@/scripts/testing/shared';
import type { Span, SpanKind, Trace } from './model';

export function fixture(rel: string): unknown {
  return JSON.parse(readFileSync(sharedPath('fixtures/jaeger', rel), 'utf8'));
}

export interface MiniSpan {
  id: string;
  parent?: string;
  ref?: 'CHILD_OF' | 'FOLLOWS_FROM';
  start: number;
  dur: number;
  service?: string;
  kind?: SpanKind;
  host?: string;
}

/** A trace from `{id, parent, start, dur}` rows; `host` becomes the process tag `ip`. */
export function miniTrace(rows: MiniSpan[]): Trace {
  const processes: Trace['processes'] = [];
  const pIndex = new Map<string, number>();
  const spans: Span[] = rows.map((r) => {
    const service = r.service ?? 'svc';
    const key = `${service}|${r.host ?? ''}`;
    if (!pIndex.has(key)) {
      pIndex.set(key, processes.length);
      processes.push({ serviceName: service, tags: r.host ? [{ key: 'ip', type: 'string', value: r.host }] : [] });
    }
    return {
      spanId: r.id,
      operationName: `op-${r.id}`,
      processIndex: pIndex.get(key)!,
      serviceName: service,
      startTimeUs: r.start,
      durationUs: r.dur,
      kind: r.kind ?? 'unspecified',
      references: r.parent ? [{ refType: r.ref ?? 'CHILD_OF', traceId: 't1', spanId: r.parent }] : [],
      tags: [],
      logs: [],
      warnings: [],
      error: false,
    };
  });
  return { traceId: 't1', spans, processes, warnings: [] };
}
