/** GET /api/traces/services → {services: string[]}; Jaeger down → 503 {backend:"jaeger"}. */
import { requireJaeger } from '@/lib/jaeger/server';
import { errorResponse } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const services = await requireJaeger().services(request.signal);
    return Response.json({ services }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
