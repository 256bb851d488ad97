/**
 * One /api/graph request answered, from its query string to the JSON text (pages/api/graph.ts sends
 * it). The security badges' queries run alongside the graph's; the built answer (and its gzip, see
 * lib/server/node-json.ts) is shared by identical requests in the same time quantum and config
 * snapshot (response-cache.ts). Bad parameters throw a 400 AppError; Prometheus down or slow, a 503/504.
 */
import { loadConfigInput } from './config-input';
import { encodeCompactGraph } from './compact';
import { fetchGraph, PARTIAL_GRAPH } from './fetch';
import { GraphParamsError, parseGraphAnswerFormat, parseGraphRequest } from './params';
import { graphResponseCache, graphResponseKey, isComplete, snapshotIdentity, type BuiltGraphResponse } from './response-cache';
import { toWireJson } from './wire';
import { validationOf } from '../istio/server-validation';
import { applyGraphSecurity, reviewGraphSecurity } from '../security/graph-badges';
import { getConfigSource, getPrometheus } from '../server/backends';
import { getServerConfig } from '../server/config';
import { parseSearch } from '../server/errors';

export async function answerGraphRequest(search: URLSearchParams, signal: AbortSignal): Promise<BuiltGraphResponse> {
  const { graphReq, format } = parseSearch(search, (s) => ({ graphReq: parseGraphRequest(s), format: parseGraphAnswerFormat(s) }), GraphParamsError);
  const prometheus = getPrometheus();
  const source = getConfigSource();
  const server = getServerConfig();
  const timeSec = graphReq.queryTimeSec ?? prometheus.defaultTimeSec();
  const snapshot = source ? source.snapshot() : null;
  snapshot?.catch(() => undefined);
  const configKey = snapshot ? await snapshot.then(snapshotIdentity, () => 'unreadable') : 'none';
  return graphResponseCache(server.queryCache.ttlMs).get<BuiltGraphResponse>(graphResponseKey(graphReq, format, timeSec, configKey), async (queriesSignal) => {
    // A config source that cannot be read costs the badges, never the graph (a warning says so);
    // validation findings (cached per snapshot) become config-error badges.
    const configInput = loadConfigInput(snapshot ? () => snapshot : null, validationOf);
    // The graph's queries go out first (the slowest of all among them), without waiting for the
    // configuration, which they do not need; then the security badges' two.
    const graphBuilt = fetchGraph(prometheus, graphReq, {
      defaultTimeSec: timeSec,
      scrapeIntervalSec: server.prometheus.scrapeIntervalMs / 1000,
      config: configInput.then((c) => c.config),
      signal: queriesSignal,
    });
    const security = reviewGraphSecurity({ prometheus, source, snapshot: snapshot ?? undefined, signal: queriesSignal }, { namespaces: graphReq.namespaces, durationSec: graphReq.durationSec, timeSec });
    const [graph, review, { warnings }] = await Promise.all([graphBuilt, security, configInput]);
    applyGraphSecurity(graph, review);
    const complete = review.ok && warnings.length === 0 && !graph.warnings.some((w) => w.startsWith(PARTIAL_GRAPH));
    const answer = { ...graph, warnings: [...graph.warnings, ...warnings] };
    return { json: toWireJson(format === 'compact' ? encodeCompactGraph(answer) : answer), complete };
  }, { signal, cacheIf: isComplete });
}
