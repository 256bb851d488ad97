/**
 * GET /api/graph/node-series?nodeType=versionedApp&namespace=default&name=reviews&version=v2&duration=5m
 * → {stepSec, points: [{t, inRps, outRps, errorPercent}]} for the graph side panel's small charts.
 */
import { fetchNodeSeries, parseNodeSeriesRequest } from '@/lib/graph/node-series';
import { GraphParamsError } from '@/lib/graph/params';
import { getPrometheus } from '@/lib/server/backends';
import { getServerConfig } from '@/lib/server/config';
import { errorResponse, parseQuery } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const req = parseQuery(request, parseNodeSeriesRequest, GraphParamsError);
    const prometheus = getPrometheus();
    const body = await fetchNodeSeries(prometheus, req, {
      endSec: prometheus.defaultTimeSec(),
      scrapeIntervalSec: getServerConfig().prometheus.scrapeIntervalMs / 1000,
      signal: request.signal,
    });
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
