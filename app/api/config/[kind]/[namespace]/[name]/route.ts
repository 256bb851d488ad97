/**
 * GET /api/config/<kind>/<namespace>/<name> → ConfigDetail {yaml, firstLine, file, findings (with yamlLine)}.
 * Unknown kind or bad names → 400; not in the config → 404; source unavailable → 503.
 */
import { getConfigDetail } from '@/lib/istio/server-config';
import { errorResponse } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, ctx: { params: Promise<{ kind: string; namespace: string; name: string }> }): Promise<Response> {
  try {
    const { kind, namespace, name } = await ctx.params;
    return Response.json(await getConfigDetail(decodeURIComponent(kind), decodeURIComponent(namespace), decodeURIComponent(name)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
