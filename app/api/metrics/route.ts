import { selfMetrics } from '@/lib/server/self-metrics';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The dashboard's own metrics in the Prometheus text format. */
export async function GET(): Promise<Response> {
  const { registry } = selfMetrics();
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
}
