/** What every check receives: the index, the options, and `report` to record a finding. */
import type { CheckId, Severity } from '../catalog';
import type { Entry, MeshIndex } from '../mesh-index';

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
}

export interface CheckContext {
  index: MeshIndex;
  options: ResolvedOptions;
  report(entry: Entry, id: CheckId, path: string, message: string, severity?: Severity): void;
}

export type Check = (ctx: CheckContext) => void;

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
