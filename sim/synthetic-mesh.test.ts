import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parseConfigText } from './config-dir';
import { compileMesh } from './model';
import { createRng } from './rng';
import { BOOKINFO_DIR } from './scenarios';
import { createRuntimeState, simulateRequest } from './simulate';
import { generateSyntheticMesh, syntheticMeshYaml } from './synthetic-mesh';

it('generates the requested size as valid YAML the simulator can run', () => {
  const synthetic = generateSyntheticMesh({ namespaces: 20, services: 500, seed: 1 });
  const objects = parseConfigText(syntheticMeshYaml(synthetic), 'synthetic.yaml');
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  expect(objects.filter((o) => o.kind === 'Namespace')).toHaveLength(20);
  expect(objects.filter((o) => o.kind === 'Service')).toHaveLength(500);
  expect(deployments).toHaveLength(synthetic.workloads);
  // 1–3 versions per service: between 500 and 1500 workloads, about 1.5 per service.
  expect(synthetic.workloads).toBeGreaterThan(650);
  expect(synthetic.workloads).toBeLessThan(850);

  const base = readdirSync(BOOKINFO_DIR).flatMap((f) => parseConfigText(readFileSync(path.join(BOOKINFO_DIR, f), 'utf8'), f));
  const mesh = compileMesh([...base, ...objects]);
  const gateway = mesh.workloads.find((w) => w.isGateway)!;
  const rng = createRng(2);
  const state = createRuntimeState();
  const reached = new Set<string>();
  for (let i = 0; i < 400; i += 1) {
    const pathChoice = synthetic.entryPaths[i % synthetic.entryPaths.length]!;
    const r = simulateRequest(mesh, state, { gateway, host: 'x', port: 80, path: pathChoice, headers: {} }, rng, i * 10);
    expect(r.status).not.toBe(404);
    for (const h of r.hops) if (h.destinationReports && h.destination) reached.add(h.destination.namespace);
  }
  expect(reached.size).toBe(20);
});
