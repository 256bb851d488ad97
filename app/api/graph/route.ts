/**
 * GET /api/graph?namespaces=default,bookinfo&graphType=versionedApp&duration=60s
 *   [&injectServiceNodes=true][&idleEdges=false][&idleNodes=false][&queryTime=<unix s>][&format=objects|compact]
 * → GraphResponse {nodes, edges, timestamp, duration, graphType, namespaces, warnings, queryCount};
 *   with format=compact the same graph in the compact form the /graph page reads (lib/graph/compact.ts).
 * Bad params → 400 {error}; Prometheus down/slow → 503/504 {error, backend: "prometheus"}.
 * The security badges' queries run alongside the graph's; the built answer is shared by identical
 * requests in the same time quantum and config snapshot (lib/graph/response-cache.ts).
 */
import { loadConfigInput } from '@/lib/graph/config-input';
import { fetchGraph, PARTIAL_GRAPH } from '@/lib/graph/fetch';
import { encodeCompactGraph } from '@/lib/graph/compact';
import { GraphParamsError, parseGraphAnswerFormat, parseGraphRequest } from '@/lib/graph/params';
import { toWireJson } from '@/lib/graph/wire';
import { graphResponseCache, graphResponseKey, isComplete, snapshotIdentity, type BuiltGraphResponse } from '@/lib/graph/response-cache';
import { applyGraphSecurity, reviewGraphSecurity } from '@/lib/security/graph-badges';
import { validationOf } from '@/lib/istio/server-validation';
import { getConfigSource, getPrometheus } from '@/lib/server/backends';
import { getServerConfig } from '@/lib/server/config';
import { errorResponse, parseQuery } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const { graphReq, format } = parseQuery(request, (search) => ({ graphReq: parseGraphRequest(search), format: parseGraphAnswerFormat(search) }), GraphParamsError);
    const prometheus = getPrometheus();
    const source = getConfigSource();
    const server = getServerConfig();
    const timeSec = graphReq.queryTimeSec ?? prometheus.defaultTimeSec();
    const snapshot = source ? source.snapshot() : null;
    snapshot?.catch(() => undefined);
    const configKey = snapshot ? await snapshot.then(snapshotIdentity, () => 'unreadable') : 'none';
    const built = await graphResponseCache(server.queryCache.ttlMs).get<BuiltGraphResponse>(graphResponseKey(graphReq, format, timeSec, configKey), async (signal) => {
      // A config source that cannot be read costs the badges, never the graph (a warning says so);
      // validation findings (cached per snapshot) become config-error badges.
      const configInput = loadConfigInput(snapshot ? () => snapshot : null, validationOf);
      // The graph's queries go out first (the slowest of all among them), without waiting for the
      // configuration, which they do not need; then the security badges' two.
      const graphBuilt = fetchGraph(prometheus, graphReq, {
        defaultTimeSec: timeSec,
        scrapeIntervalSec: server.prometheus.scrapeIntervalMs / 1000,
        config: configInput.then((c) => c.config),
        signal,
      });
      const security = reviewGraphSecurity({ prometheus, source, snapshot: snapshot ?? undefined, signal }, { namespaces: graphReq.namespaces, durationSec: graphReq.durationSec, timeSec });
      const [graph, review, { warnings }] = await Promise.all([graphBuilt, security, configInput]);
      applyGraphSecurity(graph, review);
      const complete = review.ok && warnings.length === 0 && !graph.warnings.some((w) => w.startsWith(PARTIAL_GRAPH));
      const answer = { ...graph, warnings: [...graph.warnings, ...warnings] };
      return { json: toWireJson(format === 'compact' ? encodeCompactGraph(answer) : answer), complete };
    }, { signal: request.signal, cacheIf: isComplete });
    return new Response(built.json, { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
