/**
 * Client-side TLS towards a workload port from DestinationRules: for every DR whose host covers a
 * Service in front of the workload, the TLS mode that applies to that Service port — a matching
 * subset's port-level setting, then the subset's policy, then the DR's port-level setting, then its
 * top-level policy. DRs without a TLS mode leave Istio's auto mTLS in charge and are not listed.
 * Every such DR is listed (callers in different namespaces may see different ones).
 */
import { hostCovers } from '../istio/hosts';
import type { Workload } from '../istio/mesh-index';
import type { ClientTLSSettings, TrafficPolicy } from '../istio/types';
import { policyId, servicesOf, type SecurityModel } from './model';

export type ClientTlsMode = NonNullable<ClientTLSSettings['mode']>;

export interface ClientTlsRef {
  mode: ClientTlsMode;
  /** `namespace/name` of the DestinationRule. */
  policy: string;
  subset?: string;
  /** The Service host the DR targets. */
  host: string;
}

function tlsFor(policy: TrafficPolicy | undefined, servicePort: number): ClientTlsMode | undefined {
  if (!policy) return undefined;
  const portLevel = policy.portLevelSettings?.find((s) => s.port?.number === servicePort);
  return portLevel?.tls?.mode ?? policy.tls?.mode;
}

export function clientTlsFor(model: SecurityModel, w: Workload, port: number): ClientTlsRef[] {
  const out: ClientTlsRef[] = [];
  const services = servicesOf(model, w);
  if (services.length === 0) return out;
  for (const { dr, host } of model.lookup.destinationRules) {
    for (const svc of services) {
      if (!hostCovers(host, svc.host)) continue;
      for (const sp of svc.ports) {
        if (sp.targetPort !== port) continue;
        const subset = dr.spec.subsets?.find((s) => Object.entries(s.labels ?? {}).every(([k, v]) => w.labels[k] === v) && s.trafficPolicy !== undefined && tlsFor(s.trafficPolicy, sp.number) !== undefined);
        const mode = (subset ? tlsFor(subset.trafficPolicy, sp.number) : undefined) ?? tlsFor(dr.spec.trafficPolicy, sp.number);
        if (mode && !out.some((o) => o.policy === policyId(dr) && o.mode === mode)) {
          out.push({ mode, policy: policyId(dr), host: svc.host, ...(subset ? { subset: subset.name } : {}) });
        }
      }
    }
  }
  return out;
}
