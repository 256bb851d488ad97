import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../server/errors';

// The server reads CONFIG_DIR once: point it at a copy of the demo's config before the first use.
const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-config-'));
cpSync(path.resolve(import.meta.dirname, '../../sim/bookinfo'), dir, { recursive: true });

let api: typeof import('./server-config');
beforeAll(async () => {
  process.env.CONFIG_DIR = dir;
  api = await import('./server-config');
});

describe('server config use cases', () => {
  it('lists the demo objects (4 DestinationRules, the Gateway and its VirtualService of sim/bookinfo), all valid', async () => {
    const list = await api.getConfigList();
    expect(list.items.map((i) => `${i.kind} ${i.namespace}/${i.name} ${i.worst}`)).toEqual([
      'DestinationRule default/details null',
      'DestinationRule default/productpage null',
      'DestinationRule default/ratings null',
      'DestinationRule default/reviews null',
      'Gateway default/bookinfo-gateway null',
      'VirtualService default/bookinfo null',
    ]);
  });

  it('detail: 400 for an unknown kind or a bad name, 404 for an object that is not there', async () => {
    await expect(api.getConfigDetail('Rocket', 'default', 'x')).rejects.toMatchObject({ status: 400 });
    await expect(api.getConfigDetail('VirtualService', 'Bad_NS', 'x')).rejects.toMatchObject({ status: 400 });
    await expect(api.getConfigDetail('VirtualService', 'default', 'nope')).rejects.toMatchObject({ status: 404 });
    const d = await api.getConfigDetail('Gateway', 'default', 'bookinfo-gateway');
    expect(d.yaml).toContain('kind: Gateway');
    expect(d.findings).toEqual([]);
  });

  it('pasted YAML is validated against the current config: the subset the demo lacks is an error, the existing ones are not', async () => {
    const r = await api.validatePastedYaml({
      yaml: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
    - route:
        - {destination: {host: reviews, subset: v1}, weight: 50}
        - {destination: {host: reviews, subset: v4}, weight: 50}
`,
    });
    expect(r.against).toMatch(/^directory /);
    expect(r.objects).toEqual([{ kind: 'VirtualService', namespace: 'default', name: 'reviews' }]);
    expect(r.findings.map((f) => `${f.code} ${f.path} ${f.file}:${f.line}`)).toEqual(['KIA1107 spec/http[0]/route[1]/destination pasted.yaml:9']);
  });

  it('a parse error in pasted YAML is a finding with its line; bad bodies are 400', async () => {
    const r = await api.validatePastedYaml({ yaml: 'a: b: c\n', fileName: 'mine.yaml' });
    expect(r.findings.map((f) => `${f.code} ${f.file}:${f.line}`)).toEqual(['MSC0001 mine.yaml:1']);
    for (const body of [{}, { yaml: 3 }, { yaml: '   ' }, { yaml: 'a: 1', extra: true }, { yaml: 'x'.repeat(api.MAX_PROPOSED_BYTES + 1) }]) {
      const err = await api.validatePastedYaml(body).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
    }
  });
});
