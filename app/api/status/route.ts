import { checkConnections } from '@/lib/status/connections';
import type { ConnectionsReport } from '@/lib/status/types';
import { getConfigSource } from '@/lib/server/backends';
import { getServerConfig } from '@/lib/server/config';
import { errorResponse } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Viewers polling together share one round of probes (a round takes up to a few seconds). */
const SHARE_MS = 2000;
const g = globalThis as typeof globalThis & { __meshscopeStatus?: { at: number; report: Promise<ConnectionsReport> } };

/** The connections report: every backend probed now, or at most SHARE_MS ago. */
export async function GET(): Promise<Response> {
  try {
    const now = Date.now();
    if (!g.__meshscopeStatus || now - g.__meshscopeStatus.at > SHARE_MS) {
      const report = checkConnections({
        config: getServerConfig(),
        inCluster: Boolean(process.env.KUBERNETES_SERVICE_HOST),
        configSource: getConfigSource(),
      });
      g.__meshscopeStatus = { at: now, report };
      report.catch(() => { if (g.__meshscopeStatus?.report === report) delete g.__meshscopeStatus; });
    }
    return Response.json(await g.__meshscopeStatus.report, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err);
  }
}
