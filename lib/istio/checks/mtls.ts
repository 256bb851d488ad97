/**
 * The mTLS picture Kiali reasons with: PeerAuthentication (server side) and DestinationRule TLS (client
 * side) at mesh level (root namespace, no selector; DR host `*.local` or `*`), namespace level (no
 * selector; DR host `*.<ns>.svc.cluster.local`) and workload level. The effective mode of a level falls
 * back to the wider one when it sets nothing.
 */
import { labelsMatch } from '../hosts';
import type { Entry } from '../mesh-index';
import type { DestinationRule, MtlsMode, PeerAuthentication } from '../types';
import type { CheckContext } from './context';

export type DrTlsMode = 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';

export interface MtlsPicture {
  meshPa?: MtlsMode;
  nsPa: Map<string, MtlsMode>;
  /** Mesh-wide DestinationRules (`*.local`, `*`) with their TLS mode. */
  meshDrs: Array<{ e: Entry<DestinationRule>; mode?: DrTlsMode }>;
  nsDrs: Map<string, Array<{ e: Entry<DestinationRule>; mode?: DrTlsMode }>>;
}

export function paMode(e: Entry<PeerAuthentication>): MtlsMode | undefined {
  const m = e.obj.spec.mtls?.mode;
  return m === 'UNSET' ? undefined : m;
}

export function isMeshWideHost(host: string): boolean {
  return host === '*' || host === '*.local' || host === '*.cluster.local' || host === '*.svc.cluster.local';
}

/** `*.<ns>.svc.cluster.local` → ns */
export function namespaceWideHost(host: string): string | null {
  const m = /^\*\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(host);
  return m ? m[1]! : null;
}

export function mtlsPicture(ctx: CheckContext): MtlsPicture {
  return ctx.memo('mtls', () => {
    const { index, options } = ctx;
    const pic: MtlsPicture = { nsPa: new Map(), meshDrs: [], nsDrs: new Map() };
    for (const pa of index.peerAuthentications) {
      if (pa.obj.spec.selector?.matchLabels && Object.keys(pa.obj.spec.selector.matchLabels).length > 0) continue;
      const mode = paMode(pa);
      if (mode === undefined) continue;
      if (pa.namespace === options.rootNamespace) pic.meshPa = mode;
      else pic.nsPa.set(pa.namespace, mode);
    }
    for (const dr of index.destinationRules) {
      if (dr.obj.spec.workloadSelector) continue;
      const host = dr.obj.spec.host.toLowerCase();
      const mode = dr.obj.spec.trafficPolicy?.tls?.mode;
      if (isMeshWideHost(host)) pic.meshDrs.push({ e: dr, mode });
      else {
        const ns = namespaceWideHost(host);
        if (ns) {
          let list = pic.nsDrs.get(ns);
          if (!list) pic.nsDrs.set(ns, (list = []));
          list.push({ e: dr, mode });
        }
      }
    }
    return pic;
  });
}

const firstMode = (list: Array<{ mode?: DrTlsMode }> | undefined) => list?.find((d) => d.mode !== undefined)?.mode;

/** Client-side TLS mode for hosts of namespace `ns` (namespace DR, else mesh DR). */
export function drModeFor(pic: MtlsPicture, ns: string): DrTlsMode | undefined {
  return firstMode(pic.nsDrs.get(ns)) ?? firstMode(pic.meshDrs);
}

/** Server-side mode for namespace `ns` (namespace PA, else mesh PA). */
export function paModeFor(pic: MtlsPicture, ns: string): MtlsMode | undefined {
  return pic.nsPa.get(ns) ?? pic.meshPa;
}

/** Kiali's rule: mTLS is in force when the server accepts it and the client sends it (auto mTLS fills gaps). */
export function mtlsInForce(pa: MtlsMode | undefined, dr: DrTlsMode | undefined, autoMtls: boolean): boolean {
  const serverOk = pa === 'STRICT' || pa === 'PERMISSIVE' || (pa === undefined && autoMtls);
  const clientOk = dr === 'ISTIO_MUTUAL' || dr === 'MUTUAL' || (dr === undefined && autoMtls);
  return serverOk && clientOk;
}

/** Workload-level PA mode for a workload with `labels` in `ns` (a PA with a matching selector). */
export function workloadPaMode(ctx: CheckContext, ns: string, labels: Record<string, string>): MtlsMode | undefined {
  for (const pa of ctx.index.peerAuthentications) {
    const sel = pa.obj.spec.selector?.matchLabels;
    if (pa.namespace !== ns || !sel || Object.keys(sel).length === 0) continue;
    if (labelsMatch(sel, labels)) {
      const m = paMode(pa);
      if (m !== undefined) return m;
    }
  }
  return undefined;
}
