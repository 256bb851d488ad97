/**
 * GET /api/signals/{services|workloads|apps}/<namespace>/<name>?duration=5m&direction=inbound
 *     [&reporter=source|destination][&split=true][&queryTime=<unix s>]
 * → SignalsResponse: the entity's list row and its charts; a failing chart query is that chart's
 * `error`, the others still render. Bad params → 400; unknown entity → 404 with a message.
 */
import { fetchSignals } from '@/lib/metrics/detail';
import { parseDetailParams, parseKindSegment, parseName } from '@/lib/metrics/params';
import { loadSignalsConfig } from '@/lib/metrics/server-config';
import { errorResponse } from '@/lib/server/errors';
import { backend, NO_STORE, parsed } from '../../../shared';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

interface Params {
  kind: string;
  namespace: string;
  name: string;
}

export async function GET(request: Request, ctx: { params: Promise<Params> }): Promise<Response> {
  try {
    const raw = await ctx.params;
    const search = new URL(request.url).searchParams;
    const p = parsed(() => {
      const kind = parseKindSegment(raw.kind);
      return { kind, namespace: parseName('namespace', raw.namespace), name: parseName(kind, raw.name), ...parseDetailParams(kind, search) };
    });
    const { prometheus, nowSec, scrapeIntervalSec } = backend();
    const { config } = await loadSignalsConfig();
    const signals = await fetchSignals(prometheus, {
      kind: p.kind, namespace: p.namespace, name: p.name, direction: p.direction, reporter: p.reporter, split: p.split,
      durationSec: p.durationSec, endSec: p.queryTimeSec ?? nowSec, scrapeIntervalSec, config, signal: request.signal,
    });
    return Response.json(signals, NO_STORE);
  } catch (err) {
    return errorResponse(err);
  }
}
