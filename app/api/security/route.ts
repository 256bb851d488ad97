/**
 * GET /api/security?namespaces=default,bookinfo&duration=5m
 * → SecurityReport {mesh, namespaceRows, workloads, edges, disagreements, warnings}.
 * Bad params → 400 {error}; Prometheus down/slow → 503/504 {error, backend: "prometheus"};
 * the config directory unreadable → 503 {backend: "config"}.
 */
import { fetchSecurityReport, parseSecurityRequest, SecurityParamsError } from '@/lib/security/report';
import { getConfigSource, getPrometheus } from '@/lib/server/backends';
import { errorResponse, parseQuery } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const req = parseQuery(request, parseSecurityRequest, SecurityParamsError);
    const prometheus = getPrometheus();
    const snapshot = (await getConfigSource()?.snapshot()) ?? null;
    const report = await fetchSecurityReport(prometheus, snapshot, req, { timeSec: prometheus.defaultTimeSec(), signal: request.signal });
    return Response.json(report, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
