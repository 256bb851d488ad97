/** GET /api/traces/operations?service=<s> → {operations: [{name, spanKind}]}; no service → 400. */
import { requireJaeger } from '@/lib/jaeger/server';
import { badRequest, errorResponse } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const service = new URL(request.url).searchParams.get('service')?.trim() ?? '';
    if (service === '' || service.length > 256) throw badRequest('service is required');
    const operations = await requireJaeger().operations(service, request.signal);
    const unique = [...new Map(operations.map((o) => [o.name, o])).values()].sort((a, b) => a.name.localeCompare(b.name));
    return Response.json({ operations: unique }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
