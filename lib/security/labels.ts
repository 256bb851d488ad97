/** Words and formatting for the security views (pure, shared by the page, the header and tests). */
import type { DisagreementKind } from './disagreements';
import type { MeshStatus, PortState, WorkloadState } from './effective-mode';

export const MESH_STATUS_LABEL: Record<MeshStatus, string> = {
  enabled: 'mTLS enabled',
  partial: 'mTLS partially enabled',
  disabled: 'mTLS not enabled',
};

export const STATE_LABEL: Record<WorkloadState, string> = {
  STRICT: 'STRICT',
  PERMISSIVE: 'PERMISSIVE',
  DISABLE: 'DISABLE',
  CONFLICT: 'Conflict',
  MIXED: 'Mixed',
  NO_SIDECAR: 'No sidecar',
  GATEWAY: 'Gateway',
};

export const KIND_LABEL: Record<DisagreementKind, string> = {
  'plaintext-permissive': 'Would be refused under STRICT',
  'plaintext-strict': 'Plaintext despite STRICT',
  'missing-sidecar': 'Missing sidecar',
  'dr-disables-tls': 'DestinationRule disables TLS',
  'authz-denied': 'Denied by AuthorizationPolicy',
  'authz-not-enforced': 'Got through despite policy',
  'authz-unused': 'Policy matched nothing',
};

/** CSS tone of a state: good (STRICT), warn (PERMISSIVE, mixed), bad (DISABLE, conflict, no sidecar). */
export function stateTone(state: WorkloadState | PortState): 'good' | 'warn' | 'bad' | 'neutral' {
  if (state === 'STRICT') return 'good';
  if (state === 'PERMISSIVE' || state === 'MIXED') return 'warn';
  if (state === 'GATEWAY') return 'neutral';
  return 'bad';
}

export function formatPercent(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p === 100 || p === 0) return `${p}%`;
  return `${p.toFixed(1)}%`;
}

export function formatRate(r: number): string {
  if (r === 0) return '0';
  if (r >= 100) return r.toFixed(0);
  if (r >= 1) return r.toFixed(2);
  return r.toPrecision(2);
}
