import { describe, expect, it } from 'vitest';
import type { Graph, GraphNode } from '../graph/types';
import type { Disagreement } from './disagreements';
import { appendSecurityBadges } from './graph-badges';

const traffic = { inRps: 0, outRps: 0, inErrorRate: 0, outErrorRate: 0, inP50: null, inP95: null, inP99: null, tcpInBps: 0, tcpOutBps: 0 };
const node = (id: string, nodeType: GraphNode['nodeType'], namespace: string, workload: string, app: string, version: string): GraphNode => ({
  id, nodeType, namespace, workload, app, version, service: '', health: 'healthy', traffic,
});

const refused: Disagreement = {
  kind: 'plaintext-permissive', severity: 'warning', workload: 'default/ratings-v1', caller: 'unknown', policies: [], rate: 1, message: 'would be refused under STRICT',
};
const workloads = [
  { namespace: 'default', name: 'ratings-v1', app: 'ratings', version: 'v1' },
  { namespace: 'default', name: 'details-v1', app: 'details', version: 'v1' },
];

describe('appendSecurityBadges', () => {
  it('marks the versioned-app node of the workload and the unknown caller, nothing else', () => {
    const graph: Graph = {
      nodes: [
        node('vapp:default:ratings:v1', 'versionedApp', 'default', '', 'ratings', 'v1'),
        node('vapp:default:details:v1', 'versionedApp', 'default', '', 'details', 'v1'),
        node('svc:default:ratings', 'service', 'default', '', '', ''),
        node('unknown', 'unknown', '', 'unknown', 'unknown', ''),
      ],
      edges: [],
    };
    const out = appendSecurityBadges(graph, { workloads, disagreements: [refused] });
    const marked = out.nodes.filter((n) => n.badges?.securityIssues).map((n) => n.id);
    expect(marked).toEqual(['vapp:default:ratings:v1', 'unknown']);
    expect(out.nodes[0]?.badges?.securityIssues).toEqual([{ kind: 'plaintext-permissive', severity: 'warning', message: 'would be refused under STRICT' }]);
    expect(graph.nodes[0]?.badges).toBeUndefined(); // input untouched
  });

  it('matches workload and app nodes too, and leaves a graph without findings as it was', () => {
    const graph: Graph = { nodes: [node('wl:default:ratings-v1', 'workload', 'default', 'ratings-v1', 'ratings', 'v1'), node('app:default:ratings', 'app', 'default', '', 'ratings', '')], edges: [] };
    const out = appendSecurityBadges(graph, { workloads, disagreements: [{ ...refused, caller: 'default/x' }] });
    expect(out.nodes.map((n) => n.badges?.securityIssues?.length ?? 0)).toEqual([1, 1]);
    expect(appendSecurityBadges(graph, { workloads, disagreements: [] })).toBe(graph);
  });
});
