/**
 * GET /api/traces?service=<s>[&operation=][&tags=error=true http.status_code=503][&minDuration=100ms]
 *   [&maxDuration=][&lookback=1h | &start=<µs>&end=<µs>][&limit=20]
 * → {traces: TraceSummary[]} newest first. Bad params → 400; Jaeger down → 503 {backend:"jaeger"};
 * malformed answer → 502 naming Jaeger.
 */
import { parseTraceQuery } from '@/lib/jaeger/query';
import { requireJaeger, validated } from '@/lib/jaeger/server';
import { getServerConfig } from '@/lib/server/config';
import { errorResponse } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const quantumMs = getServerConfig().queryCache.timeQuantumMs;
    const nowUs = Math.floor(Date.now() / quantumMs) * quantumMs * 1000;
    const query = validated(() => parseTraceQuery(new URL(request.url).searchParams, nowUs));
    const traces = await requireJaeger().searchTraces(query, request.signal);
    const sorted = [...traces].sort((a, b) => b.startTimeUs - a.startTimeUs);
    return Response.json({ traces: sorted, query }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
