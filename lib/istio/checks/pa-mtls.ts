/**
 * PeerAuthentication against DestinationRule TLS (Kiali): a DISABLE PeerAuthentication while clients are
 * told to send mTLS (KIA0506 mesh, KIA0505 namespace); without auto mTLS, a STRICT one with no
 * DestinationRule sending mTLS (KIA0401 mesh, KIA0501 namespace).
 */
import type { PeerAuthentication } from '../types';
import { result, type ObjectCheck } from './context';
import { drModeFor, mtlsPicture, paMode } from './mtls';

const mutual = (m: string | undefined) => m === 'ISTIO_MUTUAL' || m === 'MUTUAL';

export const paMtls: ObjectCheck<PeerAuthentication> = (e, ctx) => {
  const sel = e.obj.spec.selector?.matchLabels;
  if (sel && Object.keys(sel).length > 0) return [];
  const mode = paMode(e);
  const pic = mtlsPicture(ctx);
  const mesh = e.namespace === ctx.options.rootNamespace;
  const meshDr = pic.meshDrs.find((d) => d.mode !== undefined)?.mode;
  if (mode === 'DISABLE') {
    if (mesh && mutual(meshDr)) return [result('peerauthentications.mtls.disablemeshdestinationrulemissing', 'spec/mtls', `a mesh-wide DestinationRule sends ${meshDr}`)];
    if (!mesh && mutual(drModeFor(pic, e.namespace))) return [result('peerauthentications.mtls.disabledestinationrulemissing', 'spec/mtls', `DestinationRules for namespace "${e.namespace}" send ${drModeFor(pic, e.namespace)}`)];
    return [];
  }
  if (mode === 'STRICT' && !ctx.options.autoMtls) {
    if (mesh && !mutual(meshDr)) return [result('peerauthentication.mtls.destinationrulemissing', 'spec/mtls', 'auto mTLS is off')];
    if (!mesh && !mutual(drModeFor(pic, e.namespace))) return [result('peerauthentications.mtls.destinationrulemissing', 'spec/mtls', 'auto mTLS is off')];
  }
  return [];
};
