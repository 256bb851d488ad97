import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openConfigDir } from './config-dir';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

const vs = (name: string) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ${name}\n  namespace: default\nspec:\n  hosts: [${name}]\n`;

it('reports a malformed file with its line, keeps its last good objects and reads the others', () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sim-config-'));
  const file = path.join(dir, 'routes.yaml');
  writeFileSync(file, `${vs('reviews')}---\n${vs('ratings')}`);
  writeFileSync(path.join(dir, 'other.yaml'), vs('details'));
  const config = openConfigDir(dir);
  expect(config.refresh().objects.map((o) => o.metadata.name).sort()).toEqual(['details', 'ratings', 'reviews']);

  // Line 4 has a bad indentation: a YAML error there.
  writeFileSync(file, `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n name: x\n   bad: [\n`);
  utimesSync(file, new Date(), new Date(Date.now() + 5000));
  const snapshot = config.refresh();
  expect(snapshot.problems).toHaveLength(1);
  expect(snapshot.problems[0]?.file).toBe('routes.yaml');
  expect(snapshot.problems[0]?.line).toBeGreaterThanOrEqual(4);
  expect(snapshot.problems[0]?.line).toBeLessThanOrEqual(6);
  expect(snapshot.objects.map((o) => o.metadata.name).sort()).toEqual(['details', 'ratings', 'reviews']);
});

it('expands kind: List and rejects objects without a name', () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sim-config-'));
  writeFileSync(path.join(dir, 'list.yaml'), `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {name: b}\n`);
  writeFileSync(path.join(dir, 'bad.yaml'), `\n\napiVersion: v1\nkind: Service\nmetadata: {}\n`);
  const snapshot = openConfigDir(dir).refresh();
  expect(snapshot.objects.map((o) => o.metadata.name)).toEqual(['a', 'b']);
  expect(snapshot.problems).toEqual([{ file: 'bad.yaml', line: 3, message: 'object needs apiVersion, kind and metadata.name' }]);
});
