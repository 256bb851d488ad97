import { namespacesFromTelemetry } from '@/lib/mesh/namespaces';
import { getPrometheus } from '@/lib/server/backends';
import { errorResponse } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    return Response.json({ namespaces: await namespacesFromTelemetry(getPrometheus()) });
  } catch (err) {
    return errorResponse(err);
  }
}
