/**
 * Graph health through the one shared rule (lib/health/rules.ts): an edge is the worst of the source's
 * outbound and the destination's inbound tolerances applied to the edge's response codes (as Kiali);
 * a node is the worst of its inbound and outbound request traffic. TCP has no codes: traffic = healthy.
 */
import { DEFAULT_TOLERANCES, evaluate, tolerancesFor, worst, type HealthConfig, type HealthStatus, type Protocol } from '../health/rules';

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
function onlySuccess(protocol: Protocol, codes: Record<string, number>): boolean {
  for (const code in codes) {
    if (protocol === 'grpc' ? code !== '0' : !(code.length === 3 && code >= '100' && code < '400')) return false;
  }
  return true;
}

/** evaluate() with a shortcut for the common all-success case under the default tolerances. */
function statusOf(protocol: Protocol, direction: 'inbound' | 'outbound', codes: Record<string, number>, tolerances: ReturnType<typeof tolerancesFor>): HealthStatus {
  if (tolerances === DEFAULT_TOLERANCES && onlySuccess(protocol, codes)) {
    for (const code in codes) if ((codes[code] as number) > 0) return 'healthy';
    return 'idle';
  }
  return evaluate({ protocol, direction, codes }, tolerances).status;
}

export function edgeHealth(
  protocol: Protocol,
  codes: Record<string, number>,
  rate: number,
  source: Named,
  target: Named,
  config: HealthConfig,
): HealthStatus {
  if (!(rate > 0)) return 'idle';
  if (protocol === 'tcp') return 'healthy';
  const out = statusOf(protocol, 'outbound', codes, tolerancesFor(config, source.namespace, healthName(source)));
  const inb = statusOf(protocol, 'inbound', codes, tolerancesFor(config, target.namespace, healthName(target)));
  return worst(out, inb);
}

export function nodeHealth(
  node: Named,
  inbound: Map<Protocol, Record<string, number>> | undefined,
  outbound: Map<Protocol, Record<string, number>> | undefined,
  tcpRate: number,
  config: HealthConfig,
): HealthStatus {
  const tolerances = tolerancesFor(config, node.namespace, healthName(node));
  let status: HealthStatus = tcpRate > 0 ? 'healthy' : 'idle';
  for (const [direction, byProtocol] of [['inbound', inbound], ['outbound', outbound]] as const) {
    if (!byProtocol) continue;
    for (const [protocol, codes] of byProtocol) {
      status = worst(status, statusOf(protocol, direction, codes, tolerances));
    }
  }
  return status;
}
