'use client';
import Link from 'next/link';
import { nodeName } from '@/lib/graph/elements';
import { formatBytesPerSec, formatErrorRate, formatMs, formatRps } from '@/lib/graph/format';
import { detailHref, tracesHref } from '@/lib/graph/links';
import type { GraphNode } from '@/lib/graph/types';
import type { GlobalParams } from '@/lib/url-state';
import { HealthBadge } from '@/components/ui/health-badge';
import { NodeChartsLazy } from './node-charts-lazy';

const TYPE_NAMES: Record<GraphNode['nodeType'], string> = {
  workload: 'Workload', app: 'App', versionedApp: 'Versioned app', service: 'Service', unknown: 'Unknown source', external: 'External',
};

export interface NodePanelProps {
  node: GraphNode;
  global: GlobalParams;
  focused: boolean;
  onFocus(id: string | null): void;
}

function Badges({ node }: { node: GraphNode }) {
  const b = node.badges;
  if (!b && !node.isGateway) return null;
  return (
    <div className="row graph-panel__badges">
      {node.isGateway ? <span className="badge">{node.isGateway} gateway</span> : null}
      {b?.virtualService?.map((vs) => <span key={vs} className="badge" title="VirtualService">VS {vs}</span>)}
      {b?.trafficShifting ? <span className="badge">traffic shifting</span> : null}
      {b?.requestRouting ? <span className="badge">request routing</span> : null}
      {b?.circuitBreaker ? <span className="badge">circuit breaker</span> : null}
      {b?.faultInjection ? <span className="badge badge--warning">fault injection</span> : null}
      {b?.requestTimeout ? <span className="badge">timeout</span> : null}
      {b?.mirroring ? <span className="badge">mirroring</span> : null}
      {b?.missingSidecar ? <span className="badge badge--warning">missing sidecar</span> : null}
    </div>
  );
}

export function NodePanel({ node, global, focused, onFocus }: NodePanelProps) {
  const t = node.traffic;
  const detail = detailHref(node);
  const traces = tracesHref(node);
  const name = nodeName(node);
  return (
    <section aria-label={`Node ${name}`}>
      <h2>{name}</h2>
      <p className="muted">
        {TYPE_NAMES[node.nodeType]}{node.namespace ? ` in ${node.namespace}` : ''}
        {node.isOutside ? ' (outside the selected namespaces)' : ''}{node.isIdle ? ' · idle' : ''}
      </p>
      <HealthBadge status={node.health} />
      <Badges node={node} />
      {node.nodeType === 'unknown' ? <p className="muted">Requests from callers without an Istio sidecar: only the destination proxy saw them.</p> : null}
      {node.isExternal === 'passthrough' ? <p className="muted">Traffic to hosts the mesh does not know, let through (PassthroughCluster). A ServiceEntry would name them.</p> : null}
      <table className="data graph-panel__table">
        <thead><tr><th></th><th className="num">Inbound</th><th className="num">Outbound</th></tr></thead>
        <tbody>
          <tr><th scope="row">Requests/s</th><td className="num">{formatRps(t.inRps)}</td><td className="num">{formatRps(t.outRps)}</td></tr>
          <tr><th scope="row">Errors</th><td className="num">{formatErrorRate(t.inErrorRate)}</td><td className="num">{formatErrorRate(t.outErrorRate)}</td></tr>
          <tr><th scope="row">p50 / p95 / p99</th><td className="num" colSpan={2}>{formatMs(t.inP50)} / {formatMs(t.inP95)} / {formatMs(t.inP99)}</td></tr>
          {t.tcpInBps > 0 || t.tcpOutBps > 0 ? (
            <tr><th scope="row">TCP</th><td className="num">{formatBytesPerSec(t.tcpInBps)}</td><td className="num">{formatBytesPerSec(t.tcpOutBps)}</td></tr>
          ) : null}
        </tbody>
      </table>
      {node.badges?.configErrors?.length ? (
        <div className="graph-panel__errors">
          <h3>Config issues</h3>
          <ul>{node.badges.configErrors.map((e, i) => <li key={i}><span className={`badge badge--${e.severity}`}>{e.severity}</span> {e.object}: {e.message}</li>)}</ul>
        </div>
      ) : null}
      <NodeChartsLazy node={node} global={global} />
      <div className="row graph-panel__links">
        {detail ? <Link href={detail} prefetch={false}>Details</Link> : null}
        {traces ? <Link href={traces} prefetch={false}>Traces</Link> : null}
        <button type="button" onClick={() => onFocus(focused ? null : node.id)}>{focused ? 'Show whole graph' : 'Focus on this node'}</button>
      </div>
    </section>
  );
}
