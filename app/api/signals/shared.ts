/** What every /api/signals route shares: params errors → 400, the server's evaluation time and scrape interval. */
import { SignalsParamsError } from '@/lib/metrics/params';
import { PromqlInputError } from '@/lib/prometheus/promql';
import { getPrometheus } from '@/lib/server/backends';
import { getServerConfig } from '@/lib/server/config';
import { badRequest } from '@/lib/server/errors';

export function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof SignalsParamsError || err instanceof PromqlInputError) throw badRequest(err.message);
    throw err;
  }
}

export function backend() {
  const prometheus = getPrometheus();
  return { prometheus, nowSec: prometheus.defaultTimeSec(), scrapeIntervalSec: getServerConfig().prometheus.scrapeIntervalMs / 1000 };
}

export const NO_STORE = { headers: { 'cache-control': 'no-store' } };
