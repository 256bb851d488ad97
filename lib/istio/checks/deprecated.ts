/** Deprecated fields (IST0002): VirtualService fault.delay.percent and mirror_percent/mirrorPercent; Sidecar egressProxy. */
import type { Sidecar, VirtualService } from '../types';
import { result, type CheckResult, type ObjectCheck } from './context';

export const vsDeprecated: ObjectCheck<VirtualService> = (e) => {
  const out: CheckResult[] = [];
  (e.obj.spec.http ?? []).forEach((r, i) => {
    if (r.fault?.delay?.percent !== undefined) out.push(result('generic.deprecated', `spec/http[${i}]/fault/delay/percent`, 'use fault.delay.percentage.value'));
    if (r.mirror_percent !== undefined) out.push(result('generic.deprecated', `spec/http[${i}]/mirror_percent`, 'use mirrorPercentage.value'));
    if (r.mirrorPercent !== undefined) out.push(result('generic.deprecated', `spec/http[${i}]/mirrorPercent`, 'use mirrorPercentage.value'));
  });
  return out;
};

export const sidecarDeprecated: ObjectCheck<Sidecar> = (e) =>
  e.obj.spec.outboundTrafficPolicy?.egressProxy !== undefined ? [result('generic.deprecated', 'spec/outboundTrafficPolicy/egressProxy', 'outboundTrafficPolicy.egressProxy')] : [];
