import { checkPrometheusReady } from '@/lib/server/readiness';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Readiness: Prometheus answers a query. 503 with the reason otherwise. */
export async function GET(): Promise<Response> {
  const result = await checkPrometheusReady();
  return Response.json(result, { status: result.ready ? 200 : 503 });
}
