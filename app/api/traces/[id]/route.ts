/**
 * GET /api/traces/<traceId> (hex, 16 or 32 chars, or base64) → {trace: WireTrace} (lib/jaeger/wire.ts:
 * the Trace model with strings and tags interned; decodeTrace() restores it).
 * Malformed id → 400; unknown → 404; Jaeger down → 503 {backend:"jaeger"}; bad JSON → 502.
 */
import { isTraceIdParam } from '@/lib/jaeger/ids';
import { loadTraceWire, requireJaeger } from '@/lib/jaeger/server';
import { badRequest, errorResponse, notFound } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await ctx.params;
    if (!isTraceIdParam(id)) throw badRequest(`"${id.slice(0, 80)}" is not a trace id (hex, up to 32 characters)`);
    const trace = await loadTraceWire(requireJaeger(), id, request.signal);
    if (!trace) throw notFound(`Trace ${id} was not found in Jaeger`);
    return Response.json({ trace }, { headers: { 'cache-control': 'private, max-age=30' } });
  } catch (err) {
    return errorResponse(err);
  }
}
