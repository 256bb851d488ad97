/**
 * GET /api/security/status → {status: "enabled"|"partial"|"disabled", meshMode, meshPolicy, rootNamespace}:
 * the mesh-wide mTLS status from the configuration alone (no Prometheus), for the header.
 */
import { securityModelOf } from '@/lib/security/model';
import { meshSecurity } from '@/lib/security/report';
import { getConfigSource } from '@/lib/server/backends';
import { errorResponse } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const source = getConfigSource();
    const snapshot = source ? await source.snapshot() : null;
    const body = { ...meshSecurity(securityModelOf(snapshot?.objects ?? [])), configured: snapshot !== null };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
