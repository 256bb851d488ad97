/**
 * GET /api/config → ConfigList {origin, takenAt, items: [{kind, namespace, name, counts, worst, file, line}],
 * other (findings on unreadable files / unknown kinds), totals}. No config source or unreadable → 503 {backend: "config"|"kubernetes"}.
 */
import { getConfigList } from '@/lib/istio/server-config';
import { errorResponse } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    return Response.json(await getConfigList(), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
