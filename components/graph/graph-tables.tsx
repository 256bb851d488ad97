'use client';
import { nodeName } from '@/lib/graph/elements';
import { formatBytesPerSec, formatErrorRate, formatMs, formatPercent, formatRps } from '@/lib/graph/format';
import { securityText } from '@/lib/graph/security';
import type { Graph } from '@/lib/graph/types';
import { HealthBadge } from '@/components/ui/health-badge';
import type { Selection } from './graph-canvas';

export interface GraphTablesProps {
  graph: Graph;
  found: ReadonlySet<string>;
  onSelect(sel: Selection): void;
}

/** The graph as two tables, for keyboards, screen readers and copy-paste. */
export function GraphTables({ graph, found, onSelect }: GraphTablesProps) {
  const names = new Map(graph.nodes.map((n) => [n.id, nodeName(n)]));
  return (
    <div className="graph-tables">
      <table className="data" aria-label="Graph nodes">
        <caption className="graph-tables__caption">Nodes ({graph.nodes.length})</caption>
        <thead>
          <tr><th>Name</th><th>Type</th><th>Namespace</th><th>Health</th><th className="num">In req/s</th><th className="num">Out req/s</th><th className="num">In errors</th><th className="num">In p95</th></tr>
        </thead>
        <tbody>
          {graph.nodes.map((n) => (
            <tr key={n.id} className={found.has(n.id) ? 'graph-tables__found' : undefined}>
              <td><button type="button" className="link-button" onClick={() => onSelect({ kind: 'node', id: n.id })}>{nodeName(n)}</button>{n.isGateway ? ' (gateway)' : ''}</td>
              <td>{n.nodeType}</td>
              <td>{n.namespace || '–'}</td>
              <td><HealthBadge status={n.health} /></td>
              <td className="num">{formatRps(n.traffic.inRps)}</td>
              <td className="num">{formatRps(n.traffic.outRps)}</td>
              <td className="num">{formatErrorRate(n.traffic.inErrorRate)}</td>
              <td className="num">{formatMs(n.traffic.inP95)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data" aria-label="Graph edges">
        <caption className="graph-tables__caption">Edges ({graph.edges.length})</caption>
        <thead>
          <tr><th>From</th><th>To</th><th>Protocol</th><th>Health</th><th className="num">Rate</th><th className="num">% of source</th><th className="num">Errors</th><th className="num">p95</th><th>Security</th></tr>
        </thead>
        <tbody>
          {graph.edges.map((e) => (
            <tr key={e.id} className={found.has(e.id) ? 'graph-tables__found' : undefined}>
              <td>{names.get(e.source) ?? e.source}</td>
              <td><button type="button" className="link-button" onClick={() => onSelect({ kind: 'edge', id: e.id })}>{names.get(e.target) ?? e.target}</button></td>
              <td>{e.protocol}</td>
              <td><HealthBadge status={e.health} /></td>
              <td className="num">{e.protocol === 'tcp' ? formatBytesPerSec(e.rps) : `${formatRps(e.rps)} rps`}</td>
              <td className="num">{formatPercent(e.percentOfSource)}</td>
              <td className="num">{e.protocol === 'tcp' ? '–' : formatErrorRate(e.errorRate)}</td>
              <td className="num">{formatMs(e.p95)}</td>
              <td>{securityText(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
