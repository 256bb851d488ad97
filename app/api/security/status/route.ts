/**
 * GET /api/security/status → {status: "enabled"|"partial"|"disabled", meshMode, meshPolicy, rootNamespace,
 * configured, namespaces: [{namespace, status, injection, strictPorts, totalPorts}]}: mTLS status mesh-wide
 * and per namespace from the configuration alone (no Prometheus), for the header and the overview.
 */
import { securityModelOf } from '@/lib/security/model';
import { meshSecurity, securityNamespaces } from '@/lib/security/report';
import { getConfigSource } from '@/lib/server/backends';
import { errorResponse } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const source = getConfigSource();
    const snapshot = source ? await source.snapshot() : null;
    const model = securityModelOf(snapshot?.objects ?? []);
    const body = { ...meshSecurity(model), configured: snapshot !== null, namespaces: securityNamespaces(model) };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
