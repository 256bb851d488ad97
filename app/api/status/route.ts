import { checkConnections } from '@/lib/status/connections';
import { getConfigSource } from '@/lib/server/backends';
import { getServerConfig } from '@/lib/server/config';
import { errorResponse } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The connections report: every backend probed now (a few seconds at most), never cached. */
export async function GET(): Promise<Response> {
  try {
    const report = await checkConnections({
      config: getServerConfig(),
      inCluster: Boolean(process.env.KUBERNETES_SERVICE_HOST),
      configSource: getConfigSource(),
    });
    return Response.json(report, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
