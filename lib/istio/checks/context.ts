/**
 * What every check receives and returns. A check is a small function over ONE object: it returns
 * `{checkId, path, detail?}` results; the catalogue owns the code, severity and message, and the
 * runner (../validate.ts) turns results into findings with file and line. Cross-object checks read
 * derived indexes through `ctx.memo`, built once per validation.
 */
import type { CheckId, Severity } from '../catalog';
import type { Entry, MeshIndex } from '../mesh-index';
import type { K8sObject } from '../types';

export interface ResolvedOptions {
  rootNamespace: string;
  autoMtls: boolean;
  dnsAutoAllocate: boolean;
  /** Registry lookups (hosts, ports) are trusted: the input holds the Services. */
  registryComplete: boolean;
  /** Workload lookups (selectors, subset labels) are trusted: the input holds the workloads. */
  workloadsComplete: boolean;
  /** Principal lookups are trusted: the input holds ServiceAccounts. */
  accountsComplete: boolean;
  /** Namespace lookups are trusted: the input holds Namespace objects. */
  namespacesComplete: boolean;
  /** Trust domain of the mesh (principals `cluster.local/ns/<ns>/sa/<sa>`). */
  trustDomain: string;
}

export interface CheckResult {
  checkId: CheckId;
  /** Kiali-style field path, e.g. `spec/http[0]/route[1]/destination/host`. */
  path: string;
  /** The specifics appended to the catalogue message (host, subset, names). */
  detail?: string;
  /** Overrides the catalogue severity (e.g. an unused subset is a warning). */
  severity?: Severity;
}

export interface CheckContext {
  index: MeshIndex;
  options: ResolvedOptions;
  /** A value derived from the whole index, built on first use and shared by every check. */
  memo<T>(key: string, build: () => T): T;
}

export type ObjectCheck<T extends K8sObject = K8sObject> = (e: Entry<T>, ctx: CheckContext) => CheckResult[];

/** Destinations of a VirtualService with their field paths. */
export interface DestinationRef {
  host: string;
  subset?: string;
  port?: number;
  /** Path of the destination object, e.g. `spec/http[0]/route[1]/destination`. */
  path: string;
  protocol: 'http' | 'tls' | 'tcp';
  mirror: boolean;
  /** Index of the route rule and of the destination within it (-1 for mirrors). */
  rule: number;
  index: number;
}

export function result(checkId: CheckId, path: string, detail?: string, severity?: Severity): CheckResult {
  return severity ? { checkId, path, detail, severity } : detail !== undefined ? { checkId, path, detail } : { checkId, path };
}
