'use client';
import { formatDuration } from '@/lib/jaeger/layout';
import type { MeshHop } from '@/lib/jaeger/istio';
import type { KeyValue, Span, TraceProcess } from '@/lib/jaeger/model';

export interface SpanDetailProps {
  span: Span;
  process?: TraceProcess;
  /** Start relative to the trace start, µs (after skew adjustment when on). */
  offsetUs: number;
  deltaUs: number;
  traceStartUs: number;
  onCriticalPath: boolean;
  hop?: MeshHop;
  onClose: () => void;
}

function KvTable({ list, label }: { list: readonly KeyValue[]; label: string }) {
  if (list.length === 0) return <p className="muted">None</p>;
  return (
    <table aria-label={label}>
      <tbody>
        {list.map((kv, k) => (
          <tr key={`${kv.key}-${k}`}>
            <td>{kv.key}</td>
            <td>{String(kv.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The selected span: hop summary (Istio), tags, process tags, logs, warnings, references. */
export function SpanDetail(p: SpanDetailProps) {
  const { span } = p;
  return (
    <aside className="span-detail" aria-label="Span detail">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2>{span.serviceName}: {span.operationName}</h2>
        <button type="button" onClick={p.onClose} aria-label="Close span detail">✕</button>
      </div>
      <div className="row muted">
        <span>Duration <strong>{formatDuration(span.durationUs)}</strong></span>
        <span>Start +{formatDuration(p.offsetUs)}</span>
        <span>Kind {span.kind}</span>
        {span.error ? <span className="badge badge--error">error</span> : null}
        {p.onCriticalPath ? <span className="badge">on critical path</span> : null}
      </div>
      <div className="muted" style={{ fontFamily: 'var(--mono)', fontSize: 11 }}>span {span.spanId}</div>
      {p.deltaUs !== 0 ? (
        <p className="badge badge--warning">Clock skew: shifted by {formatDuration(p.deltaUs)} to fit its parent</p>
      ) : null}
      {p.hop ? (
        <section className="span-detail__hop" aria-label="Mesh hop">
          <h3>Mesh hop</h3>
          <div>
            <strong>{p.hop.client.workload ?? p.hop.client.service}</strong> → <strong>{p.hop.server.workload ?? p.hop.server.service}</strong>
            {p.hop.server.namespace ? <span className="muted"> ({p.hop.server.namespace})</span> : null}
          </div>
          <div>status {p.hop.statusCode ?? '–'} · response_flags {p.hop.responseFlags ?? '–'} · {formatDuration(p.hop.durationUs)} (proxy + network {formatDuration(p.hop.overheadUs)})</div>
          <div className="muted">upstream_cluster {p.hop.upstreamCluster ?? '–'}</div>
        </section>
      ) : null}
      <h3>Tags</h3>
      <KvTable list={span.tags} label="Tags" />
      <h3>Process</h3>
      <KvTable list={[{ key: 'service', type: 'string', value: span.serviceName }, ...(p.process?.tags ?? [])]} label="Process tags" />
      <h3>Logs ({span.logs.length})</h3>
      {span.logs.length === 0 ? <p className="muted">None</p> : span.logs.map((l, k) => (
        <div key={k}>
          <div className="muted">+{formatDuration(l.timestampUs + p.deltaUs - p.traceStartUs)}</div>
          <KvTable list={l.fields} label={`Log ${k + 1}`} />
        </div>
      ))}
      {span.warnings.length > 0 ? (
        <>
          <h3>Warnings</h3>
          <ul>{span.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
        </>
      ) : null}
      <h3>References</h3>
      {span.references.length === 0 ? <p className="muted">Root span</p> : (
        <ul>{span.references.map((r, k) => <li key={k}><code>{r.refType}</code> {r.spanId}</li>)}</ul>
      )}
    </aside>
  );
}
