import { describe, expect, it } from 'vitest';
import { snapshotOf } from './config-source';
import { configDetail, listConfig } from './config-view';
import { validateConfig } from './validate';
import { parseConfigText } from './yaml-loader';

const TEXT = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts: [reviews]
  http:
    - route:
        - destination: {host: reviews, subset: v9}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: shop}
spec: {servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}
---
apiVersion: acme.io/v1
kind: Rocket
metadata: {name: r, namespace: shop}
`;

describe('config view', () => {
  const r = parseConfigText(TEXT, 'shop.yaml');
  const snap = snapshotOf(r.objects, r.errors);
  const { findings } = validateConfig(snap);

  it('lists Istio objects only, with counts and worst severity; other findings apart', () => {
    const list = listConfig(snap, findings);
    expect(list.items.map((i) => `${i.kind} ${i.namespace}/${i.name} ${i.worst} ${i.counts.error}/${i.counts.warning}/${i.counts.info} ${i.line}`)).toEqual([
      'Gateway shop/gw null 0/0/0 17',
      'VirtualService shop/reviews error 1/0/0 6',
    ]);
    expect(list.other.map((f) => `${f.code} ${f.kind}`)).toEqual(['MSC0003 Rocket']);
    expect(list.totals).toEqual({ error: 1, warning: 0, info: 1 });
  });

  it('detail: the object text from its file, findings on the line of their field within that text', () => {
    const d = configDetail(snap, findings, 'VirtualService', 'shop', 'reviews')!;
    expect(d.firstLine).toBe(6);
    expect(d.yaml.split('\n')[0]).toBe('apiVersion: networking.istio.io/v1');
    // file line 15 is the destination; in the object's own text that is line 15 - 6 + 1 = 10
    expect(d.findings.map((f) => [f.code, f.line, f.yamlLine])).toEqual([['KIA1107', 15, 10]]);
    expect(d.yaml.split('\n')[9]).toContain('subset: v9');
    expect(configDetail(snap, findings, 'VirtualService', 'shop', 'nope')).toBeNull();
    expect(configDetail(snap, findings, 'Rocket', 'shop', 'r')).toBeNull();
  });

  it('detail of an object without a file (Kubernetes API): printed as YAML, findings mapped onto the print', () => {
    const objects = r.objects.map((co) => ({ object: co.object }));
    const s2 = snapshotOf(objects);
    const d = configDetail(s2, validateConfig(s2).findings, 'VirtualService', 'shop', 'reviews')!;
    const lines = d.yaml.split('\n');
    expect(d.findings).toHaveLength(1);
    expect(lines[d.findings[0]!.yamlLine - 1]).toMatch(/destination:/);
  });
});
