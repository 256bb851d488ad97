/** Rows for the edge side panel: response codes with their share and response flags, busiest first. */
import type { GraphEdge } from './types';

export interface CodeRow {
  code: string;
  rps: number;
  /** Share of the edge's requests, 0–100. */
  percent: number;
  /** Envoy response flags of these responses ("-" = none), busiest first. */
  flags: Array<{ flag: string; rps: number }>;
  isError: boolean;
}

/** What a code means, for people: HTTP class, gRPC status, or no response. */
export function codeClass(protocol: GraphEdge['protocol'], code: string): string {
  if (code === '0' || code === '-') return protocol === 'grpc' && code === '0' ? 'OK' : 'no response';
  if (protocol === 'grpc') return 'gRPC error';
  return `${code[0]}xx`;
}

/** Requests per second by response code (all flags together). */
export function rpsByCode(edge: Pick<GraphEdge, 'responses'>): Map<string, number> {
  const byCode = new Map<string, number>();
  for (const r of edge.responses) byCode.set(r.code, (byCode.get(r.code) ?? 0) + r.rps);
  return byCode;
}

export function codeRows(edge: GraphEdge): CodeRow[] {
  const byCode = rpsByCode(edge);
  let total = 0;
  for (const rps of byCode.values()) total += rps;
  return [...byCode]
    .map(([code, rps]) => ({
      code,
      rps,
      percent: total > 0 ? (100 * rps) / total : 0,
      flags: edge.responses.filter((r) => r.code === code).map(({ flag, rps: r }) => ({ flag, rps: r })).sort((a, b) => b.rps - a.rps || a.flag.localeCompare(b.flag)),
      isError: edge.protocol === 'grpc' ? code !== '0' : edge.protocol === 'tcp' ? false : code === '0' || code === '-' || /^[45]/.test(code),
    }))
    .sort((a, b) => b.rps - a.rps || a.code.localeCompare(b.code));
}
