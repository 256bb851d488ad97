/**
 * The validator: a config snapshot in, findings out. Pure and synchronous.
 *
 *   1. load errors (YAML syntax, not-an-object, unreadable file) become findings with file and line;
 *   2. every Istio object is checked against its schema (IST0106, file and line of the bad field) and its
 *      apiVersion; a usable copy of its spec goes into the MeshIndex with the Kubernetes objects;
 *   3. unknown kinds get an info finding, duplicates a warning;
 *   4. the per-kind checks (./checks/registry.ts) run over each object; the catalogue gives code,
 *      severity and message; field paths are mapped to lines.
 */
import path from 'node:path';
import { CATALOG, SEVERITY_RANK, type CheckId, type Severity } from './catalog';
import type { ConfigSnapshot } from './config-source';
import { MeshIndex, type Entry } from './mesh-index';
import { formatPath, validateSpec } from './schema';
import { isIstioKind, ISTIO_KINDS, K8S_KINDS, KNOWN_UNCHECKED_KINDS, type K8sObject } from './types';
import { parseFieldPath, type ConfigObject, type LoadError } from './yaml-loader';
import type { CheckContext, CheckResult, ResolvedOptions } from './checks/context';
import { CHECKS_BY_KIND } from './checks/registry';

export type { Severity } from './catalog';

export interface Finding {
  code: string;
  severity: Severity;
  kind: string;
  namespace: string;
  name: string;
  /** Kiali-style field path (`spec/http[0]/route[0]/destination`), "" for file-level findings. */
  path: string;
  message: string;
  file?: string;
  line?: number;
  /** Stable id of the check (`virtualservices.subsetpresent.subsetnotfound`). */
  checkId: string;
}

export interface ValidateOptions extends Partial<ResolvedOptions> {
  /**
   * When the input holds workloads but none in the root namespace, assume a standard Istio install
   * there (the istio-ingressgateway pods and Service, as istioctl analyze does). Default true.
   */
  assumeIstioInstall?: boolean;
  /** Only report findings for these objects (others are still read as context), e.g. pasted YAML. */
  onlyObjects?: ReadonlySet<ConfigObject>;
}

export interface ValidationResult {
  findings: Finding[];
}

const K8S = new Set<string>(K8S_KINDS);
const LOAD_ERROR_CHECK: Record<LoadError['kind'], CheckId> = {
  syntax: 'yaml.syntax',
  'not-an-object': 'yaml.notobject',
  'too-large': 'yaml.read',
  read: 'yaml.read',
};

function loadErrorFinding(err: LoadError): Finding {
  const checkId = LOAD_ERROR_CHECK[err.kind];
  const d = CATALOG[checkId];
  return {
    code: d.code,
    severity: d.severity,
    kind: '',
    namespace: '',
    name: path.basename(err.file),
    path: '',
    message: `${d.title}: ${err.message}`,
    file: err.file,
    line: err.line,
    checkId,
  };
}

function groupOf(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function validateConfig(snapshot: ConfigSnapshot, options: ValidateOptions = {}): ValidationResult {
  const findings: Finding[] = snapshot.errors.map(loadErrorFinding);
  const index = new MeshIndex({ rootNamespace: options.rootNamespace ?? 'istio-system' });
  const only = options.onlyObjects;
  const entries: Entry[] = [];
  const seen = new Map<string, ConfigObject>();

  const emit = (co: ConfigObject, obj: K8sObject, r: CheckResult) => {
    if (only && !only.has(co)) return;
    const d = CATALOG[r.checkId];
    const line = co.lineOf?.(parseFieldPath(r.path)) ?? co.source?.line;
    findings.push({
      code: d.code,
      severity: r.severity ?? d.severity,
      kind: obj.kind,
      namespace: obj.metadata.namespace ?? '',
      name: obj.metadata.name,
      path: r.path,
      message: r.detail ? `${d.title}: ${r.detail}` : d.title,
      ...(co.source ? { file: co.source.file, line } : {}),
      checkId: r.checkId,
    });
  };

  for (const co of snapshot.objects) {
    const obj = co.object;
    const namespace = obj.metadata.namespace ?? '';
    index.addNamespaceOf(obj.metadata.namespace);
    const key = `${obj.kind}|${namespace}|${obj.metadata.name}`;
    const previous = seen.get(key);
    seen.set(key, co);
    if (previous && previous.source && co.source) {
      const where = `${path.basename(previous.source.file)}:${previous.source.line}`;
      emit(co, obj, { checkId: 'generic.duplicate', path: 'metadata/name', detail: `also defined at ${where}` });
    }
    const entry: Entry = { obj, co, namespace, name: obj.metadata.name };
    if (obj.kind === 'Gateway' && obj.apiVersion.startsWith('gateway.networking.k8s.io/')) {
      // a Kubernetes Gateway API gateway: a valid target of VirtualService `gateways`
      const listeners = ((obj.spec as { listeners?: Array<{ hostname?: unknown }> } | undefined)?.listeners ?? []).map((l) => (typeof l?.hostname === 'string' ? l.hostname.toLowerCase() : '*'));
      index.gatewayKeys.add(`${namespace}/${obj.metadata.name}`);
      index.k8sGatewayHosts.set(`${namespace}/${obj.metadata.name}`, listeners);
    } else if (isIstioKind(obj.kind)) {
      const meta = ISTIO_KINDS[obj.kind];
      const { group, version } = groupOf(obj.apiVersion);
      if (group !== meta.group || !(meta.versions as readonly string[]).includes(version)) {
        emit(co, obj, { checkId: 'generic.schema', path: 'apiVersion', detail: `"${obj.apiVersion}" is not an API version of ${obj.kind} (${meta.versions.map((v) => `${meta.group}/${v}`).join(', ')})` });
        continue;
      }
      const r = validateSpec(meta.spec as never, obj.spec);
      for (const issue of r.issues) emit(co, obj, { checkId: 'generic.schema', path: formatPath(issue.path), detail: issue.message });
      if (r.usable === undefined) continue;
      const typed = { ...entry, obj: { ...obj, spec: r.usable } as K8sObject };
      entries.push(typed);
      index.addIstio(typed);
    } else if (K8S.has(obj.kind)) {
      index.addKube(entry);
      if (CHECKS_BY_KIND[obj.kind]) entries.push(entry);
    } else if (obj.kind.endsWith('List') && Array.isArray((obj as { items?: unknown }).items)) {
      continue;
    } else if (!KNOWN_UNCHECKED_KINDS.has(obj.kind)) {
      emit(co, obj, { checkId: 'generic.unknownkind', path: 'kind', detail: `${obj.apiVersion} ${obj.kind}` });
    }
  }
  if (options.assumeIstioInstall !== false && index.hasWorkloads && index.workloadsIn(index.options.rootNamespace).length === 0) {
    addDefaultIngress(index);
  }
  index.finish();

  const resolved: ResolvedOptions = {
    rootNamespace: index.options.rootNamespace,
    autoMtls: options.autoMtls ?? true,
    dnsAutoAllocate: options.dnsAutoAllocate ?? false,
    registryComplete: options.registryComplete ?? index.hasKubeServices,
    workloadsComplete: options.workloadsComplete ?? index.hasWorkloads,
    accountsComplete: options.accountsComplete ?? index.hasServiceAccounts,
    namespacesComplete: options.namespacesComplete ?? index.hasNamespaceObjects,
    trustDomain: options.trustDomain ?? 'cluster.local',
  };
  const memo = new Map<string, unknown>();
  const ctx: CheckContext = {
    index,
    options: resolved,
    memo<T>(key: string, build: () => T): T {
      if (!memo.has(key)) memo.set(key, build());
      return memo.get(key) as T;
    },
  };
  for (const e of entries) {
    if (only && !only.has(e.co)) continue;
    const checks = CHECKS_BY_KIND[e.obj.kind] ?? [];
    for (const check of checks) for (const r of check(e as never, ctx)) emit(e.co, e.obj, r);
  }
  return { findings };
}

/** The objects of a default Istio install that configs refer to: istio-ingressgateway (pods + Service). */
function addDefaultIngress(index: MeshIndex): void {
  const ns = index.options.rootNamespace;
  const labels = { app: 'istio-ingressgateway', istio: 'ingressgateway' };
  index.addNamespaceOf(ns);
  index.addWorkload({ kind: 'Deployment', name: 'istio-ingressgateway', namespace: ns, labels, serviceAccount: 'istio-ingressgateway-service-account', inMesh: true, live: false });
  const obj: K8sObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'istio-ingressgateway', namespace: ns }, spec: {} };
  index.addService({
    kind: 'Service',
    host: `istio-ingressgateway.${ns}.svc.cluster.local`,
    namespace: ns,
    name: 'istio-ingressgateway',
    ports: [
      { number: 15021, name: 'status-port', targetPort: 15021 },
      { number: 80, name: 'http2', targetPort: 8080 },
      { number: 443, name: 'https', targetPort: 8443 },
    ],
    selector: labels,
    entry: { obj, co: { object: obj }, namespace: ns, name: 'istio-ingressgateway' },
  });
}

/** Counts by severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** The worst severity among findings, or null when there are none. */
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}
