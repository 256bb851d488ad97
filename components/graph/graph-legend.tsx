import type { ColorMode } from '@/lib/graph/display-params';

function Swatch({ color, dashed }: { color: string; dashed?: boolean }) {
  return <span className="graph-legend__line" style={{ borderTopColor: `var(${color})`, borderTopStyle: dashed ? 'dashed' : 'solid' }} aria-hidden="true" />;
}

function Lock({ kind }: { kind: 'mtls' | 'partial' | 'plaintext' }) {
  const color = kind === 'mtls' ? 'var(--text)' : kind === 'partial' ? 'var(--degraded)' : 'var(--failing)';
  return (
    <svg width="16" height="16" viewBox="0 0 20 20" aria-hidden="true">
      {kind === 'plaintext'
        ? <path d="M5 11V7a5 5 0 0 1 9.6-2" fill="none" stroke={color} strokeWidth="2.2" strokeLinecap="round" />
        : <path d="M6 11V7a4 4 0 0 1 8 0v4" fill="none" stroke={color} strokeWidth="2.2" />}
      <rect x="3" y="10" width="14" height="9" rx="2" fill={kind === 'mtls' ? color : 'var(--surface)'} stroke={color} strokeWidth="1.6" />
      {kind === 'partial' ? <path d="M3 12a2 2 0 0 1 2-2h5v9H5a2 2 0 0 1-2-2z" fill={color} /> : null}
    </svg>
  );
}

/** What the colours, shapes and markers mean, and the nodes people ask about. */
export function GraphLegend({ colorBy }: { colorBy: ColorMode }) {
  return (
    <aside className="graph-legend card" aria-label="Legend">
      <h2>Legend</h2>
      <h3>Edges {colorBy === 'security' ? '(coloured by mTLS)' : '(coloured by health)'}</h3>
      {colorBy === 'health' ? (
        <ul>
          <li><Swatch color="--healthy" /> healthy</li>
          <li><Swatch color="--degraded" /> degraded: some 5xx, or 4xx from 10 %</li>
          <li><Swatch color="--failing" /> failing: 5xx from 10 %, 4xx from 20 %, gRPC errors or no response from 10 %</li>
          <li><Swatch color="--idle" dashed /> idle: no requests in the window</li>
        </ul>
      ) : (
        <ul>
          <li><Swatch color="--healthy" /> all mutual TLS</li>
          <li><Swatch color="--degraded" /> partly mutual TLS</li>
          <li><Swatch color="--failing" dashed /> plaintext</li>
          <li><Swatch color="--idle" dashed /> unknown (no destination proxy reported it)</li>
        </ul>
      )}
      <p className="muted">Width grows with the request rate. Health uses the same rule for nodes and edges.</p>
      <h3>Security</h3>
      <ul>
        <li><Lock kind="mtls" /> every request on the edge was mutual TLS</li>
        <li><Lock kind="partial" /> only part of it was (the percentage is shown)</li>
        <li><Lock kind="plaintext" /> plaintext: none of it was encrypted</li>
      </ul>
      <h3>Nodes</h3>
      <p>○ workload or versioned app · ▢ app · △ service · ◇ gateway (larger, thick border)</p>
      <p className="muted">Border colour: health. Faded: outside the selected namespaces. Dashed: idle (known from config, no traffic).</p>
      <p>Badges under the name: <b>VS</b> VirtualService routes · <b>CB</b> circuit breaker · <b>FI</b> fault injection · ⚠ no sidecar · ✗ config issues</p>
      <p className="muted">Dashed boxes are namespaces; solid boxes group the versions of one app.</p>
      <h3>Odd nodes</h3>
      <dl>
        <dt><b>unknown</b></dt>
        <dd>Callers without an Istio sidecar (a client outside the mesh, a probe, a pod without injection). Only the destination&apos;s proxy saw these requests, so Istio cannot name the caller.</dd>
        <dt><b>PassthroughCluster</b></dt>
        <dd>Traffic to a host Istio does not know (no Kubernetes Service, no ServiceEntry), let through because the mesh allows any outbound traffic. Add a ServiceEntry to name it.</dd>
        <dt><b>BlackHoleCluster</b></dt>
        <dd>Traffic to an unknown host that the mesh blocked (outbound policy REGISTRY_ONLY).</dd>
        <dt><b>External hosts</b></dt>
        <dd>Hosts declared with a ServiceEntry, outside the cluster.</dd>
      </dl>
      <h3>Find and hide</h3>
      <p className="muted">
        Expressions: <code>rps &gt; 5</code>, <code>%error &gt; 1</code>, <code>name = reviews</code>, <code>!mtls</code>, <code>p95 &gt; 100</code>,{' '}
        <code>protocol = tcp</code>, <code>namespace = default and !sidecar</code>; combine with <code>and</code> / <code>or</code>, negate with <code>!</code>.
      </p>
    </aside>
  );
}
