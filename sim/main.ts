/**
 * Starts the Bookinfo mesh simulator.
 *   tsx sim/main.ts [--port 16686] [--config-dir .data/demo/config] [--rps 10] [--jason-share 0.2] [--seed 42]
 *   [--synthetic-namespaces 20 --synthetic-services 500]   (adds a large synthetic mesh beside Bookinfo)
 * Environment: SIM_PORT, SIM_CONFIG_DIR, SIM_RPS, SIM_JASON_SHARE, SIM_SEED, SIM_SYNTHETIC_NAMESPACES, SIM_SYNTHETIC_SERVICES.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { handleJaegerRequest } from './jaeger/http';
import { seedConfigDir } from './scenarios';
import { generateSyntheticMesh, syntheticMeshYaml } from './synthetic-mesh';
import { createSimulatorServer } from './server';
import { createSimulator } from './simulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'config-dir': { type: 'string' },
    rps: { type: 'string' },
    'jason-share': { type: 'string' },
    seed: { type: 'string' },
    'no-seed-config': { type: 'boolean' },
    'synthetic-namespaces': { type: 'string' },
    'synthetic-services': { type: 'string' },
  },
});

function numberOption(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`sim: --${name} must be a non-negative number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const port = numberOption('port', values.port ?? process.env.SIM_PORT, 16686);
const configDir = path.resolve(values['config-dir'] ?? process.env.SIM_CONFIG_DIR ?? '.data/demo/config');
const rps = numberOption('rps', values.rps ?? process.env.SIM_RPS, 10);
const jasonShare = numberOption('jason-share', values['jason-share'] ?? process.env.SIM_JASON_SHARE, 0.2);
const seed = numberOption('seed', values.seed ?? process.env.SIM_SEED, Date.now() % 2 ** 31);

if (!values['no-seed-config']) seedConfigDir(configDir);
const syntheticServices = numberOption('synthetic-services', values['synthetic-services'] ?? process.env.SIM_SYNTHETIC_SERVICES, 0);
let entryPaths: string[] | undefined;
if (syntheticServices > 0) {
  // A large synthetic mesh beside Bookinfo, for scale tests: written into the config directory like any YAML.
  const mesh = generateSyntheticMesh({
    namespaces: numberOption('synthetic-namespaces', values['synthetic-namespaces'] ?? process.env.SIM_SYNTHETIC_NAMESPACES, 20),
    services: syntheticServices,
    seed,
  });
  writeFileSync(path.join(configDir, 'synthetic-mesh.yaml'), syntheticMeshYaml(mesh));
  entryPaths = ['/productpage', ...mesh.entryPaths];
  console.log(`sim: synthetic mesh with ${mesh.workloads} workloads and ${mesh.callEdges} call edges`);
}
const sim = createSimulator({ configDir, rps, jasonShare: Math.min(1, jasonShare), seed, entryPaths });

let reported = '';
const reload = () => {
  const problems = sim.reload();
  const text = problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
  if (text !== reported) {
    if (text) console.error(`sim: ignoring invalid config (last good version kept):\n${text}`);
    else if (reported) console.error('sim: config problems resolved');
    reported = text;
  }
};
reload();
const reloadTimer = setInterval(reload, 500);
const tickTimer = setInterval(() => sim.tick(Date.now()), 100);

const server = createSimulatorServer(sim, [(url) => handleJaegerRequest(url, sim.traces)]);
server.listen(port, '127.0.0.1', () => {
  console.log(`sim: Bookinfo simulator on http://127.0.0.1:${port} (config ${configDir}, ${rps} rps at the gateway)`);
});

const stop = () => {
  clearInterval(reloadTimer);
  clearInterval(tickTimer);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
