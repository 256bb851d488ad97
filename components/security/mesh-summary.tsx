import { MESH_STATUS_LABEL, formatPercent } from '@/lib/security/labels';
import type { SecurityReport } from '@/lib/security/report';

export interface MeshSummaryProps {
  report: SecurityReport;
}

/** Mesh-wide status, the mesh policy, observed mTLS in view and the disagreement count. */
export function MeshSummary({ report }: MeshSummaryProps) {
  const { mesh } = report;
  return (
    <section className="security-summary" aria-label="Mesh security summary">
      <div className="card">
        <span className="muted">Mesh-wide status</span>
        <strong data-testid="mesh-status" data-status={mesh.status}>{MESH_STATUS_LABEL[mesh.status]}</strong>
      </div>
      <div className="card">
        <span className="muted">Mesh-wide PeerAuthentication</span>
        <strong>{mesh.meshMode}</strong>
        <span className="sec-policy">{mesh.meshPolicy ?? `none in ${mesh.rootNamespace} (Istio default)`}</span>
      </div>
      <div className="card">
        <span className="muted">Inbound requests in mutual TLS</span>
        <strong data-testid="observed-mtls">{formatPercent(mesh.observed.mtlsPercent)}</strong>
        <span className="muted">destination-reported, {report.namespaces.join(', ')}</span>
      </div>
      <div className="card">
        <span className="muted">Disagreements</span>
        <strong data-testid="disagreement-count">{report.disagreements.length}</strong>
      </div>
    </section>
  );
}
