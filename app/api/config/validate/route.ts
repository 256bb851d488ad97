/**
 * POST /api/config/validate {yaml, namespace?, fileName?} → {findings, objects, against, warning?}.
 * The YAML is validated as if applied over the current config; nothing is written anywhere.
 * Not JSON / bad body / empty YAML / more than 4 MiB → 400.
 */
import { validatePastedYaml } from '@/lib/istio/server-config';
import { badRequest, errorResponse } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  try {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      throw badRequest('The request body must be JSON: {"yaml": "..."}');
    }
    return Response.json(await validatePastedYaml(body), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
