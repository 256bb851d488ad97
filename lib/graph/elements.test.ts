import { describe, expect, it } from 'vitest';
import { edgeLabel, edgeWidth, markerId, toElements } from './elements';
import { tedge, tnode } from './test-graph';
import type { Graph } from './types';

const graph: Graph = {
  nodes: [
    tnode('unknown'),
    tnode('wl:istio-system:istio-ingressgateway', { isGateway: 'ingress', isOutside: true }),
    tnode('vapp:default:productpage:v1', { badges: { missingSidecar: true, configErrors: [{ severity: 'error', message: 'x', object: 'VirtualService default/pp' }] } }),
    tnode('svc:default:reviews', { badges: { virtualService: ['default/reviews'], circuitBreaker: true } }),
    tnode('vapp:default:reviews:v1'),
    tnode('vapp:default:reviews:v3', { health: 'failing' }),
  ],
  edges: [
    tedge('unknown', 'wl:istio-system:istio-ingressgateway', { rps: 1, mtlsPercent: 0 }),
    tedge('wl:istio-system:istio-ingressgateway', 'vapp:default:productpage:v1', { rps: 10, mtlsPercent: 100 }),
    tedge('svc:default:reviews', 'vapp:default:reviews:v1', { rps: 9, percentOfSource: 90, mtlsPercent: 62.5 }),
    tedge('svc:default:reviews', 'vapp:default:reviews:v3', { rps: 1, percentOfSource: 10, health: 'failing', mtlsPercent: null }),
  ],
};

const base = { edgeLabels: 'rps' as const, security: true, namespaceBoxes: true, appBoxes: true };

describe('toElements', () => {
  it('boxes namespaces and apps with two or more versions; unknown has no box', () => {
    const els = toElements(graph, base);
    const byId = new Map(els.nodes.map((n) => [n.data.id, n]));
    expect(byId.get('box:ns:default')?.data.kind).toBe('box');
    expect(byId.get('box:ns:istio-system')).toBeDefined();
    expect(byId.get('box:app:default:reviews')?.data.parent).toBe('box:ns:default');
    expect(byId.get('vapp:default:reviews:v1')?.data.parent).toBe('box:app:default:reviews');
    expect(byId.get('vapp:default:productpage:v1')?.data.parent).toBe('box:ns:default'); // one version: no app box
    expect(byId.get('box:app:default:productpage')).toBeUndefined();
    expect(byId.get('unknown')?.data.parent).toBeUndefined();
    const off = toElements(graph, { ...base, namespaceBoxes: false, appBoxes: false });
    expect(off.nodes.filter((n) => n.data.kind === 'box')).toHaveLength(0);
  });

  it('labels nodes by name with badge marks, classes carry health, gateway, outside', () => {
    const els = toElements(graph, base);
    const byId = new Map(els.nodes.map((n) => [n.data.id, n]));
    expect(byId.get('vapp:default:reviews:v3')?.data.label).toBe('reviews v3');
    expect(byId.get('vapp:default:reviews:v3')?.classes).toContain('health-failing');
    expect(byId.get('svc:default:reviews')?.data.label).toBe('reviews\nVS · CB');
    expect(byId.get('vapp:default:productpage:v1')?.data.label).toBe('productpage v1\n⚠ no sidecar · ✗ 1 config issue');
    const gw = byId.get('wl:istio-system:istio-ingressgateway');
    expect(gw?.data.label).toBe('istio-ingressgateway\ningress gateway');
    expect(gw?.classes.split(' ')).toEqual(expect.arrayContaining(['gateway', 'outside', 'type-workload']));
  });

  it('security markers: lock, partial with its percentage, open; none when unknown or turned off', () => {
    const els = toElements(graph, base);
    const markers = els.nodes.filter((n) => n.data.kind === 'marker');
    expect(markers.map((m) => [m.data.edge, m.data.security, m.data.label])).toEqual([
      ['unknown>wl:istio-system:istio-ingressgateway>http', 'plaintext', ''],
      ['wl:istio-system:istio-ingressgateway>vapp:default:productpage:v1>http', 'mtls', ''],
      ['svc:default:reviews>vapp:default:reviews:v1>http', 'partial', '62.5%'],
    ]);
    expect(markers[0]?.data.id).toBe(markerId('unknown>wl:istio-system:istio-ingressgateway>http'));
    expect(toElements(graph, { ...base, security: false }).nodes.filter((n) => n.data.kind === 'marker')).toHaveLength(0);
    expect(els.edges.map((e) => e.data.security)).toEqual(['plaintext', 'mtls', 'partial', 'unknown']);
  });

  it('edge labels per mode: canary reads 90 % / 10 %', () => {
    const pct = toElements(graph, { ...base, edgeLabels: 'percent' }).edges.map((e) => e.data.label);
    expect(pct.slice(2)).toEqual(['90.0%', '10.0%']);
    const e = tedge('a', 'b', { rps: 12.345, p50: 4.2, p95: 123.4, p99: 1500, mtlsPercent: 100 });
    expect(edgeLabel(e, 'rps')).toBe('12.3 rps');
    expect(edgeLabel(e, 'p50')).toBe('4.2 ms');
    expect(edgeLabel(e, 'p95')).toBe('123 ms');
    expect(edgeLabel(e, 'p99')).toBe('1.50 s');
    expect(edgeLabel(e, 'mtls')).toBe('100% mTLS');
    expect(edgeLabel(e, 'none')).toBe('');
    expect(edgeLabel(tedge('a', 'b', { protocol: 'tcp', rps: 2048 }), 'rps')).toBe('2.0 KiB/s');
    expect(edgeLabel(tedge('a', 'b', { p95: null }), 'p95')).toBe('');
  });

  it('width grows with the rate on a log scale, 1 to 8', () => {
    expect(edgeWidth(0, 10)).toBe(1);
    expect(edgeWidth(10, 10)).toBe(8);
    expect(edgeWidth(1, 10)).toBeCloseTo(1 + 7 * Math.log(2) / Math.log(11), 10);
    const widths = toElements(graph, base).edges.map((e) => e.data.width);
    expect(widths[1]).toBe(8); // the busiest request edge
    expect(widths[3]).toBeLessThan(widths[2] as number);
  });

  it('marks found elements and the focus node', () => {
    const els = toElements(graph, { ...base, found: new Set(['vapp:default:reviews:v1', 'svc:default:reviews>vapp:default:reviews:v3>http']), focus: 'svc:default:reviews' });
    expect(els.nodes.find((n) => n.data.id === 'vapp:default:reviews:v1')?.classes).toContain('found');
    expect(els.edges[3]?.classes).toContain('found');
    expect(els.nodes.find((n) => n.data.id === 'svc:default:reviews')?.classes).toContain('focused');
  });
});
