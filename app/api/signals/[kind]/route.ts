/**
 * GET /api/signals/{services|workloads|apps}?namespaces=a,b&duration=5m[&queryTime=<unix s>]
 * → EntityListResponse: one row per entity with the graph's health, rps, error %, p95, mTLS % and
 * config badges. Bad params → 400; Prometheus down → 503 naming Prometheus.
 */
import { fetchEntityList } from '@/lib/metrics/list';
import { parseDuration, parseKindSegment, parseNamespaces, parseQueryTime } from '@/lib/metrics/params';
import { loadSignalsConfig } from '@/lib/metrics/server-config';
import { errorResponse } from '@/lib/server/errors';
import { backend, NO_STORE, parsed } from '../shared';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request, ctx: { params: Promise<{ kind: string }> }): Promise<Response> {
  try {
    const { kind: segment } = await ctx.params;
    const search = new URL(request.url).searchParams;
    const p = parsed(() => ({
      kind: parseKindSegment(segment), namespaces: parseNamespaces(search), durationSec: parseDuration(search), queryTimeSec: parseQueryTime(search),
    }));
    const { prometheus, nowSec, scrapeIntervalSec } = backend();
    const { config, warnings } = await loadSignalsConfig();
    const list = await fetchEntityList(prometheus, {
      kind: p.kind, namespaces: p.namespaces, durationSec: p.durationSec, timeSec: p.queryTimeSec ?? nowSec, scrapeIntervalSec, config, signal: request.signal,
    });
    return Response.json({ ...list, warnings: [...list.warnings, ...warnings] }, NO_STORE);
  } catch (err) {
    return errorResponse(err);
  }
}
