/**
 * GET /api/signals/overview?duration=5m[&queryTime=<unix s>]
 * → OverviewResponse: one summary per namespace the telemetry or the configuration knows (health counts of its apps, rps,
 * error %, mTLS %, a traffic series). Bad params → 400; Prometheus down → 503 naming Prometheus.
 */
import { namespacesFromTelemetry } from '@/lib/mesh/namespaces';
import { fetchOverview, overviewNamespaces } from '@/lib/metrics/overview';
import { parseDuration, parseQueryTime } from '@/lib/metrics/params';
import { loadSignalsConfig } from '@/lib/metrics/server-config';
import { errorResponse } from '@/lib/server/errors';
import { backend, NO_STORE, parsed } from '../shared';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const search = new URL(request.url).searchParams;
    const { durationSec, queryTimeSec } = parsed(() => ({ durationSec: parseDuration(search), queryTimeSec: parseQueryTime(search) }));
    const { prometheus, nowSec, scrapeIntervalSec } = backend();
    const [telemetry, { config }] = await Promise.all([namespacesFromTelemetry(prometheus, request.signal), loadSignalsConfig()]);
    const overview = await fetchOverview(prometheus, {
      namespaces: overviewNamespaces(telemetry, config), durationSec, timeSec: queryTimeSec ?? nowSec, scrapeIntervalSec, config, signal: request.signal,
    });
    return Response.json(overview, NO_STORE);
  } catch (err) {
    return errorResponse(err);
  }
}
