/**
 * DestinationRule host: some Service, ServiceEntry host (wildcards on either side) names it (KIA0202/IST0174).
 * Visibility is not applied: a DestinationRule in the root namespace or another namespace applies to
 * hosts wherever they are, and a wildcard DR host (`*.local`, `*.example.com`) is a policy, never "not found".
 */
import type { DestinationRule } from '../types';
import { result, type ObjectCheck } from './context';

export const drHost: ObjectCheck<DestinationRule> = (e, ctx) => {
  if (!ctx.options.registryComplete) return [];
  const host = ctx.index.fqdn(e.obj.spec.host, e.namespace);
  if (host.startsWith('*')) return [];
  if (ctx.index.hostExists(host)) return [];
  return [result('destinationrules.nodest.matchingregistry', 'spec/host', `"${e.obj.spec.host}" (${host})`)];
};
