/**
 * Istio's security decisions for one request at a server sidecar: the effective PeerAuthentication
 * mode (mesh → namespace → workload → port, UNSET inherits) and AuthorizationPolicy evaluation
 * (CUSTOM skipped, any matching DENY denies, otherwise at least one ALLOW must match when any apply).
 */
import { ROOT_NAMESPACE, asArray, asRecord, asString, asStringMap, labelsMatch, type IstioObject, type MeshModel, type Workload } from './model';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

function modeOf(raw: unknown): MtlsMode | undefined {
  const m = asString(asRecord(raw).mode).toUpperCase();
  return m === 'STRICT' || m === 'PERMISSIVE' || m === 'DISABLE' ? m : undefined;
}

function selectorOf(policy: IstioObject): Record<string, string> | undefined {
  const sel = policy.spec.selector;
  if (sel === undefined) return undefined;
  return asStringMap(asRecord(sel).matchLabels);
}

/** The PeerAuthentication mode in effect for `workload` on `port`. */
export function effectiveMtlsMode(mesh: MeshModel, workload: Pick<Workload, 'namespace' | 'labels'>, port: number): MtlsMode {
  let mode: MtlsMode = 'PERMISSIVE';
  const pas = mesh.peerAuthentications;
  const meshWide = pas.find((p) => p.namespace === ROOT_NAMESPACE && selectorOf(p) === undefined);
  const nsWide = pas.find((p) => p.namespace === workload.namespace && selectorOf(p) === undefined);
  const workloadLevel = pas.find((p) => {
    const sel = selectorOf(p);
    return p.namespace === workload.namespace && sel !== undefined && Object.keys(sel).length > 0 && labelsMatch(sel, workload.labels);
  });
  for (const policy of [meshWide, nsWide, workloadLevel]) {
    if (!policy) continue;
    mode = modeOf(policy.spec.mtls) ?? mode;
  }
  if (workloadLevel) {
    const portMode = modeOf(asRecord(workloadLevel.spec.portLevelMtls)[String(port)]);
    if (portMode) mode = portMode;
  }
  return mode;
}

export interface AuthzRequest {
  /** SPIFFE identity without the scheme (cluster.local/ns/x/sa/y); undefined on plaintext. */
  principal?: string;
  namespace?: string;
  method: string;
  path: string;
  port: number;
  headers: Record<string, string>;
}

export interface AuthzDecision {
  allowed: boolean;
  /** `namespace/name` of the policy that decided, when one did. */
  policy?: string;
}

function valueMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return pattern === value;
}

function listCheck(values: unknown, notValues: unknown, value: string | undefined): boolean {
  const yes = asArray(values).map((v) => asString(v));
  const no = asArray(notValues).map((v) => asString(v));
  if (yes.length > 0 && !yes.some((p) => valueMatches(p, value))) return false;
  if (no.length > 0 && no.some((p) => valueMatches(p, value))) return false;
  return true;
}

function sourceMatches(raw: unknown, req: AuthzRequest): boolean {
  const s = asRecord(asRecord(raw).source);
  return (
    listCheck(s.principals, s.notPrincipals, req.principal) &&
    listCheck(s.namespaces, s.notNamespaces, req.namespace) &&
    // Request principals (JWT) are not simulated: a rule that needs one never matches.
    asArray(s.requestPrincipals).length === 0
  );
}

function operationMatches(raw: unknown, req: AuthzRequest): boolean {
  const o = asRecord(asRecord(raw).operation);
  return (
    listCheck(o.methods, o.notMethods, req.method) &&
    listCheck(o.paths, o.notPaths, req.path) &&
    listCheck(o.ports, o.notPorts, String(req.port))
  );
}

function conditionMatches(raw: unknown, req: AuthzRequest): boolean {
  const c = asRecord(raw);
  const key = asString(c.key);
  const header = /^request\.headers\[(.+)\]$/.exec(key);
  const value = header
    ? req.headers[(header[1] ?? '').toLowerCase()]
    : key === 'source.namespace'
      ? req.namespace
      : key === 'source.principal'
        ? req.principal
        : undefined;
  return listCheck(c.values, c.notValues, value);
}

function ruleMatches(rawRule: unknown, req: AuthzRequest): boolean {
  const rule = asRecord(rawRule);
  const from = asArray(rule.from);
  const to = asArray(rule.to);
  const when = asArray(rule.when);
  return (
    (from.length === 0 || from.some((f) => sourceMatches(f, req))) &&
    (to.length === 0 || to.some((t) => operationMatches(t, req))) &&
    when.every((w) => conditionMatches(w, req))
  );
}

function appliesTo(policy: IstioObject, workload: Pick<Workload, 'namespace' | 'labels'>): boolean {
  if (policy.spec.targetRef !== undefined || policy.spec.targetRefs !== undefined) return false;
  const sel = selectorOf(policy);
  if (policy.namespace === ROOT_NAMESPACE && sel === undefined) return true;
  if (policy.namespace !== workload.namespace) return false;
  return sel === undefined || labelsMatch(sel, workload.labels);
}

/** Evaluates the AuthorizationPolicies that apply to `workload` for one request. */
export function authorize(mesh: MeshModel, workload: Pick<Workload, 'namespace' | 'labels'>, req: AuthzRequest): AuthzDecision {
  const policies = mesh.authorizationPolicies.filter((p) => appliesTo(p, workload));
  const action = (p: IstioObject) => asString(p.spec.action, 'ALLOW').toUpperCase();
  const id = (p: IstioObject) => `${p.namespace}/${p.name}`;
  for (const p of policies.filter((x) => action(x) === 'DENY')) {
    if (asArray(p.spec.rules).some((r) => ruleMatches(r, req))) return { allowed: false, policy: id(p) };
  }
  const allows = policies.filter((x) => action(x) === 'ALLOW');
  if (allows.length === 0) return { allowed: true };
  for (const p of allows) {
    if (asArray(p.spec.rules).some((r) => ruleMatches(r, req))) return { allowed: true, policy: id(p) };
  }
  return { allowed: false, policy: allows.map(id).join(',') };
}
