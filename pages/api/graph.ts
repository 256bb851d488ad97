/**
 * GET /api/graph?namespaces=default,bookinfo&graphType=versionedApp&duration=60s
 *   [&injectServiceNodes=true][&idleEdges=false][&idleNodes=false][&queryTime=<unix s>][&format=objects|compact]
 * → GraphResponse {nodes, edges, timestamp, duration, graphType, namespaces, warnings, queryCount};
 *   with format=compact the same graph in the compact form the /graph page reads (lib/graph/compact.ts).
 * Bad params → 400 {error}; Prometheus down/slow → 503/504 {error, backend: "prometheus"}.
 *
 * The app's one Pages Router route, on purpose: every open graph polls it, and an App Router handler's
 * Response goes out through web streams and Next's per-request stream compression, which on a
 * 100-workload graph took ~4.5 ms from the handler's return to the last byte and ~6 ms more CPU per
 * request than writing the body here (bench/scale.bench.ts, graph_overhead_ratio_*). Here the handler
 * gets Node's request and response: the answer is gzipped once and shared (lib/server/node-json.ts).
 * The proxy (proxy.ts) skips this route, for the same reason: its sign-in decision is applied here
 * (lib/auth/guard.ts), before anything else.
 */
import type { NextApiRequest, NextApiResponse } from 'next';
import { decide, SIGN_IN_FIRST } from '@/lib/auth/guard';
import { SESSION_COOKIE } from '@/lib/auth/session';
import type { BuiltGraphResponse } from '@/lib/graph/response-cache';
import { answerGraphRequest } from '@/lib/graph/serve';
import { getServerConfig } from '@/lib/server/config';
import { AppError } from '@/lib/server/errors';
import { clientGoneSignal, sendError, sendJson } from '@/lib/server/node-json';

export const config = { api: { bodyParser: false, responseLimit: false } };

export default async function graphRoute(req: NextApiRequest, res: NextApiResponse): Promise<void> {
  const { auth } = getServerConfig();
  if (decide(auth.mode, auth.sessionSecret, '/api/graph', '', req.cookies[SESSION_COOKIE]).action !== 'allow') {
    await sendError(req, res, new AppError('unauthorized', SIGN_IN_FIRST));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    await sendError(req, res, new AppError('method_not_allowed', `${req.method} is not allowed here: ask with GET`), { allow: 'GET, HEAD' });
    return;
  }
  let answer: BuiltGraphResponse;
  try {
    const search = new URL(req.url ?? '/', 'http://localhost').searchParams;
    answer = await answerGraphRequest(search, clientGoneSignal(res));
  } catch (err) {
    await sendError(req, res, err, { 'cache-control': 'no-store' });
    return;
  }
  await sendJson(req, res, answer, 200, { 'cache-control': 'no-store' });
}
