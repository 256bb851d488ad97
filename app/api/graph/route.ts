/**
 * GET /api/graph?namespaces=default,bookinfo&graphType=versionedApp&duration=60s
 *   [&injectServiceNodes=true][&idleEdges=false][&idleNodes=false][&queryTime=<unix s>]
 * → GraphResponse {nodes, edges, timestamp, duration, graphType, namespaces, warnings, queryCount}.
 * Bad params → 400 {error}; Prometheus down/slow → 503/504 {error, backend: "prometheus"}.
 */
import { loadConfigInput } from '@/lib/graph/config-input';
import { fetchGraph } from '@/lib/graph/fetch';
import { GraphParamsError, parseGraphRequest } from '@/lib/graph/params';
import { addSecurityBadges } from '@/lib/security/graph-badges';
import { validationOf } from '@/lib/istio/server-validation';
import { getConfigSource, getPrometheus } from '@/lib/server/backends';
import { getServerConfig } from '@/lib/server/config';
import { badRequest, errorResponse } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    let req;
    try {
      req = parseGraphRequest(new URL(request.url).searchParams);
    } catch (err) {
      if (err instanceof GraphParamsError) throw badRequest(err.message);
      throw err;
    }
    const prometheus = getPrometheus();
    const source = getConfigSource();
    // A config source that cannot be read costs the badges, never the graph (a warning says so);
    // validation findings (cached per snapshot) become config-error badges.
    const { config, warnings } = await loadConfigInput(source ? () => source.snapshot() : null, validationOf);
    const graph = await fetchGraph(prometheus, req, {
      defaultTimeSec: prometheus.defaultTimeSec(),
      scrapeIntervalSec: getServerConfig().prometheus.scrapeIntervalMs / 1000,
      config,
      signal: request.signal,
    });
    await addSecurityBadges(graph, { prometheus, source, signal: request.signal });
    return Response.json({ ...graph, warnings: [...graph.warnings, ...warnings] }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
