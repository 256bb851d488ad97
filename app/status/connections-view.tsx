'use client';
import { useQuery } from '@tanstack/react-query';
import { ErrorBanner } from '@/components/ui/error-banner';
import { fetchJson } from '@/components/ui/fetch-json';
import { useGlobalParams } from '@/components/ui/use-global-params';
import { refreshIntervalMs } from '@/lib/url-state';
import type { BackendState, BackendStatus, ConnectionsReport, ProbeResult } from '@/lib/status/types';

const STATE_LABEL: Record<BackendState, string> = {
  ok: 'Connected',
  degraded: 'Partly failing',
  failing: 'Not answering',
  'found-elsewhere': 'Found elsewhere',
  'not-configured': 'Not configured',
};
const STATE_CLASS: Record<BackendState, string> = { ok: 'healthy', degraded: 'degraded', failing: 'failing', 'found-elsewhere': 'degraded', 'not-configured': 'idle' };

function ProbeRows({ probes }: { probes: ProbeResult[] }) {
  return (
    <table className="data connections__probes">
      <thead>
        <tr><th>URL</th><th>Answers</th><th className="num">Latency</th><th>HTTP status</th><th>Details</th></tr>
      </thead>
      <tbody>
        {probes.map((p) => (
          <tr key={p.url}>
            <td><code>{p.url}</code></td>
            <td>{p.ok ? 'yes' : 'no'}</td>
            <td className="num">{p.latencyMs} ms</td>
            <td>{p.httpStatus ?? '—'}</td>
            <td>
              {p.ok ? p.detail : p.error}
              {p.bodyStart ? <pre className="connections__body" aria-label={`Body returned by ${p.url}`}>{p.bodyStart}</pre> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BackendCard({ b }: { b: BackendStatus }) {
  return (
    <section className="card connections__card" aria-label={b.title}>
      <div className="row">
        <h2>{b.title}</h2>
        <span className={`health health--${STATE_CLASS[b.state]}`}><span className="health__dot" aria-hidden="true" />{STATE_LABEL[b.state]}</span>
        <span className="badge">{b.envVar}</span>
      </div>
      <p>{b.summary}</p>
      {b.used ? <ProbeRows probes={[b.used]} /> : null}
      {b.candidates.length > 0 ? (
        <>
          <h3>Usual in-cluster addresses tried</h3>
          <ProbeRows probes={b.candidates} />
        </>
      ) : null}
      {b.facts.length > 0 ? (
        <table className="data connections__facts">
          <tbody>
            {b.facts.map((f) => (
              <tr key={f.label} className={f.ok === false ? 'connections__fact--bad' : undefined}>
                <th scope="row">{f.label}</th>
                <td>{f.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** The connections report, refreshed on the page's refresh interval. */
export function ConnectionsView() {
  const [params] = useGlobalParams();
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: ['status'],
    queryFn: () => fetchJson<ConnectionsReport>('/api/status'),
    refetchInterval: refreshIntervalMs(params.refresh),
  });
  if (error && !data) return <ErrorBanner what="the connections report" error={error} />;
  if (!data) return <p className="muted">Probing the backends…</p>;
  return (
    <>
      {error ? <ErrorBanner what="the connections report" error={error} staleSince={dataUpdatedAt} /> : null}
      <p className="muted">
        Checked {new Date(data.checkedAt).toLocaleTimeString()} · {data.inCluster ? 'running in a cluster' : 'running outside a cluster'} · sign-in: {data.authMode}
      </p>
      <div className="connections">
        {data.backends.map((b) => <BackendCard key={b.id} b={b} />)}
      </div>
    </>
  );
}
