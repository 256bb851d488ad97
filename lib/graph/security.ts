/** An edge's transport security, from its mTLS share (destination reporter). */
import type { GraphEdge } from './types';

export type EdgeSecurity = 'mtls' | 'partial' | 'plaintext' | 'unknown';

export function edgeSecurity(edge: Pick<GraphEdge, 'mtlsPercent'>): EdgeSecurity {
  const p = edge.mtlsPercent;
  if (p === null || !Number.isFinite(p)) return 'unknown';
  if (p >= 100 - 1e-9) return 'mtls';
  if (p <= 1e-9) return 'plaintext';
  return 'partial';
}

export const SECURITY_NAMES: Record<EdgeSecurity, string> = {
  mtls: 'mTLS',
  partial: 'partly mTLS',
  plaintext: 'plaintext',
  unknown: 'unknown',
};

/** Words for people: "mTLS", "partly mTLS (73.0%)", "plaintext", "unknown (no destination report)". */
export function securityText(edge: Pick<GraphEdge, 'mtlsPercent'>): string {
  const s = edgeSecurity(edge);
  if (s === 'partial') return `partly mTLS (${(edge.mtlsPercent as number).toFixed(1)}%)`;
  if (s === 'unknown') return 'unknown (no destination report)';
  return SECURITY_NAMES[s];
}
