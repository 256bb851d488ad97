/** Bad input never crashes or hangs the validator: it becomes findings, quickly. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotOf } from './config-source';
import { summary, validateYaml } from './test-helpers';
import { validateConfig } from './validate';
import { loadFile } from './yaml-loader';

describe('bad input', () => {
  it('invalid YAML: one finding per broken document with its line; the other documents are still read', () => {
    const f = validateYaml('a: b: c\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: fine}\n---\nkind: x\n\tindented: tab\n', {}, 'bad.yaml');
    expect(f.map((x) => `${x.code} ${x.file}:${x.line}`)).toEqual(['MSC0001 bad.yaml:1', 'MSC0001 bad.yaml:8']);
  });

  it('documents that are not objects, or objects without kind/name', () => {
    const f = validateYaml('- just\n- a list\n---\nhello\n---\napiVersion: v1\nmetadata: {name: x}\n');
    expect(f.map((x) => `${x.code} ${x.line}`)).toEqual(['MSC0002 1', 'MSC0002 4', 'MSC0002 6']);
  });

  it('unknown kinds are an info finding each, never an error', () => {
    const f = validateYaml('apiVersion: acme.io/v1\nkind: Rocket\nmetadata: {name: a, namespace: x}\n---\napiVersion: acme.io/v1\nkind: Launchpad\nmetadata: {name: b}\n');
    expect(f.map((x) => `${x.severity} ${x.code} ${x.kind}`)).toEqual(['info MSC0003 Rocket', 'info MSC0003 Launchpad']);
  });

  it('an alias bomb is refused, not expanded', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    const started = Date.now();
    const f = validateYaml(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  ${bomb.split('\n').join('\n  ')}\n`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(f.map((x) => x.code)).toEqual(['MSC0001']);
  });

  it('a List of 5,000 items: every item read, findings for the broken ones, in well under a few seconds', () => {
    const items = Array.from({ length: 5000 }, (_, i) =>
      i % 1000 === 999
        ? `  - {apiVersion: networking.istio.io/v1, kind: VirtualService, metadata: {name: vs-${i}, namespace: ns${i % 50}}, spec: {hosts: [svc-${i}], http: [{route: [{destination: {host: svc-${i - 1}.ns${(i - 1) % 50}}, weight: "ten"}]}]}}`
        : `  - {apiVersion: v1, kind: Service, metadata: {name: svc-${i}, namespace: ns${i % 50}}, spec: {selector: {app: svc-${i}}, ports: [{name: http, port: 80}]}}`,
    );
    const started = Date.now();
    const f = validateYaml(`apiVersion: v1\nkind: List\nitems:\n${items.join('\n')}\n`);
    expect(Date.now() - started).toBeLessThan(20_000);
    // items 999, 1999, ... 4999: a weight that is not a number (schema), on line 3 + index + 1
    expect(f.map((x) => `${x.code} ${x.name} ${x.path} ${x.line}`)).toEqual(
      [999, 1999, 2999, 3999, 4999].map((i) => `IST0106 vs-${i} spec/http[0]/route[0]/weight ${i + 4}`),
    );
  }, 30_000);

  it('a 10 MB file: read and validated, no crash, no hang', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-big-'));
    const file = path.join(dir, 'big.yaml');
    const doc = (i: number) => `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: dr-${i}
  namespace: ns-${i % 100}
  annotations:
    note: "${'x'.repeat(300)}"
spec:
  host: svc-${i}
  trafficPolicy:
    loadBalancer: {simple: ROUND_ROBIN}
`;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const d = doc(i);
      parts.push(d);
      size += d.length;
    }
    writeFileSync(file, parts.join(''));
    const started = Date.now();
    const r = loadFile(file);
    const { findings } = validateConfig(snapshotOf(r.objects, r.errors));
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.errors).toEqual([]);
    expect(r.objects).toHaveLength(parts.length);
    expect(summary(findings)).toEqual([]); // no Services in the input: hosts are not judged
  }, 90_000);

  it('a file over the size limit is one clear finding', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-huge-'));
    const file = path.join(dir, 'huge.yaml');
    writeFileSync(file, 'x'.repeat(2048));
    const r = loadFile(file, { maxBytes: 1024 });
    const f = validateConfig(snapshotOf(r.objects, r.errors)).findings;
    expect(f.map((x) => `${x.code} ${x.severity}`)).toEqual(['MSC0006 error']);
    expect(f[0]!.message).toMatch(/limit/);
  });
});
