/**
 * Graph health through the one shared rule (lib/health/rules.ts): an edge is the worst of the source's
 * outbound and the destination's inbound tolerances applied to the edge's response codes (as Kiali);
 * a node is the worst of its inbound and outbound request traffic. TCP has no codes: traffic = healthy.
 */
import { DEFAULT_TOLERANCES, evaluateCodes, tolerancesFor, worst, type HealthConfig, type HealthStatus, type Protocol } from '../health/rules';
import type { CodeRates } from './code-rates';

interface Named {
  namespace: string;
  workload: string;
  app: string;
  service: string;
}

/** The name health overrides match: workload, else app, else service. */
export function healthName(node: Named): string {
  return node.workload || node.app || node.service;
}

/** Only success codes (HTTP 1xx–3xx, gRPC OK): the default tolerances cannot find an error. */
function onlySuccess(protocol: Protocol, codes: readonly string[]): boolean {
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as string;
    if (protocol === 'grpc' ? code !== '0' : !(code.length === 3 && code >= '100' && code < '400')) return false;
  }
  return true;
}

/** The rule on one code distribution, with a shortcut for the common all-success case under the default tolerances. */
function statusOf(protocol: Protocol, direction: 'inbound' | 'outbound', rates: CodeRates, tolerances: ReturnType<typeof tolerancesFor>): HealthStatus {
  if (tolerances === DEFAULT_TOLERANCES && onlySuccess(protocol, rates.keys)) {
    for (let i = 0; i < rates.vals.length; i++) if ((rates.vals[i] as number) > 0) return 'healthy';
    return 'idle';
  }
  return evaluateRates(protocol, direction, rates, tolerances);
}

/** The full rule, codes in enumeration order (a separate function: its closures would allocate on the fast path). */
function evaluateRates(protocol: Protocol, direction: 'inbound' | 'outbound', rates: CodeRates, tolerances: ReturnType<typeof tolerancesFor>): HealthStatus {
  const order = rates.order();
  const codes = order.map((i) => rates.keys[i] as string);
  const values = order.map((i) => rates.vals[i] as number);
  return evaluateCodes(protocol, direction, codes, values, tolerances).status;
}

export function edgeHealth(
  protocol: Protocol,
  rates: CodeRates,
  rate: number,
  source: Named,
  target: Named,
  config: HealthConfig,
): HealthStatus {
  if (!(rate > 0)) return 'idle';
  if (protocol === 'tcp') return 'healthy';
  const out = statusOf(protocol, 'outbound', rates, tolerancesFor(config, source.namespace, healthName(source)));
  const inb = statusOf(protocol, 'inbound', rates, tolerancesFor(config, target.namespace, healthName(target)));
  return worst(out, inb);
}

/** Code rates of a node's traffic in one direction, per protocol (one field each: see build.ts's EdgeAcc on shapes). */
export type RatesByProtocol = Record<Protocol, CodeRates | undefined>;

const PROTOCOLS: readonly Protocol[] = ['http', 'grpc', 'tcp'];

export function nodeHealth(
  node: Named,
  inbound: RatesByProtocol | undefined,
  outbound: RatesByProtocol | undefined,
  tcpRate: number,
  config: HealthConfig,
): HealthStatus {
  const tolerances = tolerancesFor(config, node.namespace, healthName(node));
  let status: HealthStatus = tcpRate > 0 ? 'healthy' : 'idle';
  for (const protocol of PROTOCOLS) {
    const inRates = inbound?.[protocol];
    const outRates = outbound?.[protocol];
    if (inRates) status = worst(status, statusOf(protocol, 'inbound', inRates, tolerances));
    if (outRates) status = worst(status, statusOf(protocol, 'outbound', outRates, tolerances));
  }
  return status;
}
