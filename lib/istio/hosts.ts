/**
 * Host names and visibility as Istio resolves them.
 *
 *  - Short names (`reviews`) are relative to the namespace of the object that holds them:
 *    `reviews.<ns>.svc.cluster.local`. Kiali also expands `reviews.bookinfo` and `reviews.bookinfo.svc`
 *    when `bookinfo` is a namespace; we do the same so both spellings compare equal.
 *  - Wildcards: `*` matches everything, `*.example.com` matches any name ending in `.example.com`.
 *  - `exportTo`: empty = everywhere (or the mesh default), `*` = everywhere, `.` = own namespace,
 *    `~` = nowhere, anything else = that namespace.
 *  - Gateway server hosts may carry a namespace: `ns/host`, `./host` (the Gateway's namespace), `*\/host`.
 */

export const CLUSTER_DOMAIN = 'cluster.local';
export const SVC_SUFFIX = `svc.${CLUSTER_DOMAIN}`;

/** The fully-qualified form of `host` as written in an object of namespace `namespace`. */
export function toFqdn(host: string, namespace: string, isNamespace?: (ns: string) => boolean): string {
  const h = host.trim().toLowerCase();
  if (h === '' || h.startsWith('*')) return h;
  const parts = h.split('.');
  if (parts.length === 1) return `${h}.${namespace}.${SVC_SUFFIX}`;
  if (parts.length === 2 && isNamespace?.(parts[1]!)) return `${h}.${SVC_SUFFIX}`;
  if (parts.length === 3 && parts[2] === 'svc') return `${h}.${CLUSTER_DOMAIN}`;
  return h;
}

export function isWildcard(host: string): boolean {
  return host.startsWith('*');
}

/** True when `pattern` (possibly a wildcard) includes every name `host` can stand for. */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === host || pattern === '*') return true;
  if (!isWildcard(pattern)) return false;
  const suffix = pattern.slice(1); // ".example.com"
  if (isWildcard(host)) return host.slice(1).endsWith(suffix);
  return host.endsWith(suffix);
}

/** True when some name matches both `a` and `b` (wildcards on either side). */
export function hostsOverlap(a: string, b: string): boolean {
  return hostCovers(a, b) || hostCovers(b, a);
}

/** Is an object of namespace `objectNamespace` with this `exportTo` visible from `fromNamespace`? */
export function isExportedTo(exportTo: readonly string[] | undefined, objectNamespace: string, fromNamespace: string): boolean {
  if (!exportTo || exportTo.length === 0) return true;
  for (const e of exportTo) {
    if (e === '*') return true;
    if (e === '.' && objectNamespace === fromNamespace) return true;
    if (e === fromNamespace) return true;
  }
  return false;
}

/**
 * The namespaces an exportTo list names, with `.` replaced by the object's namespace. `null` means
 * "every namespace"; an empty set means "nowhere" (`~`).
 */
export function exportScope(exportTo: readonly string[] | undefined, objectNamespace: string): Set<string> | null {
  if (!exportTo || exportTo.length === 0) return null;
  const out = new Set<string>();
  for (const e of exportTo) {
    if (e === '*') return null;
    if (e === '~') continue;
    out.add(e === '.' ? objectNamespace : e);
  }
  return out;
}

/** Do two export scopes share at least one namespace? */
export function scopesOverlap(a: Set<string> | null, b: Set<string> | null): boolean {
  if (a === null) return b === null || b.size > 0;
  if (b === null) return a.size > 0;
  for (const ns of a) if (b.has(ns)) return true;
  return false;
}

/** The exportTo list of a Kubernetes Service (annotation `networking.istio.io/exportTo`). */
export function serviceExportTo(annotations: Record<string, string> | undefined): string[] | undefined {
  const raw = annotations?.['networking.istio.io/exportTo'];
  if (!raw) return undefined;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  return list.length > 0 ? list : undefined;
}

export interface GatewayServerHost {
  /** `null` = any namespace (`*` or no prefix). */
  namespace: string | null;
  host: string;
}

/** Splits a Gateway server host `ns/host`, `./host`, `*\/host` or `host`. */
export function parseGatewayServerHost(raw: string, gatewayNamespace: string): GatewayServerHost {
  const i = raw.indexOf('/');
  if (i < 0) return { namespace: null, host: raw.toLowerCase() };
  const ns = raw.slice(0, i);
  const host = raw.slice(i + 1).toLowerCase();
  if (ns === '*') return { namespace: null, host };
  if (ns === '.') return { namespace: gatewayNamespace, host };
  return { namespace: ns, host };
}

export interface GatewayRef {
  namespace: string;
  name: string;
  /** The reference used the legacy `name.namespace(.svc.cluster.local)` spelling. */
  legacy: boolean;
}

/**
 * Resolves a VirtualService `gateways` entry: `mesh` → null; `ns/name`; `name` (the VirtualService's
 * namespace); the legacy dotted form `name.ns[.svc.cluster.local]`.
 */
export function parseGatewayRef(ref: string, vsNamespace: string): GatewayRef | null {
  if (ref === 'mesh') return null;
  const slash = ref.indexOf('/');
  if (slash >= 0) return { namespace: ref.slice(0, slash), name: ref.slice(slash + 1), legacy: false };
  if (ref.includes('.')) {
    const parts = ref.split('.');
    return { namespace: parts[1] ?? vsNamespace, name: parts[0] ?? ref, legacy: true };
  }
  return { namespace: vsNamespace, name: ref, legacy: false };
}

/** Label-selector match: every selector label is present on `labels` with the same value. */
export function labelsMatch(selector: Record<string, string> | undefined | null, labels: Record<string, string> | undefined | null): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector)) if (labels?.[k] !== v) return false;
  return true;
}

/** Istio namespace patterns in AuthorizationPolicy sources: `*`, `prefix*`, `*suffix`, exact. */
export function matchesPattern(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}
