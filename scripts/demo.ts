/**
 * npm run demo: the simulator, a real Prometheus and the dashboard, on PORT (3000), PROMETHEUS_PORT
 * (9090) and SIM_PORT (16686). Prints the URL; Ctrl-C stops everything.
 */
import path from 'node:path';
import { assertPortsFree, startStack } from './stack/stack';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) {
    console.error(`demo: ${name} must be a port number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const appPort = port('PORT', 3000);
const prometheusPort = port('PROMETHEUS_PORT', 9090);
const simPort = port('SIM_PORT', 16686);
const dataDir = path.resolve('.data', `demo-${appPort}`);
const configDir = path.resolve(process.env.CONFIG_DIR ?? path.join(dataDir, 'config'));

try {
  await assertPortsFree({ PORT: appPort, PROMETHEUS_PORT: prometheusPort, SIM_PORT: simPort });
  const stack = await startStack({
    appPort,
    prometheusPort,
    simPort,
    configDir,
    logDir: path.join(dataDir, 'logs'),
    scrapeIntervalSec: 5,
    rps: process.env.SIM_RPS ? Number(process.env.SIM_RPS) : undefined,
  });
  console.log('');
  console.log(`Meshscope: ${stack.app?.url}`);
  console.log(`  Prometheus: ${stack.prometheus.url}   simulator (Jaeger API): ${stack.sim.url}`);
  console.log(`  Istio config: ${configDir}   (npm run scenario -- list | apply <name> | reset)`);
  console.log(`  logs: ${path.join(dataDir, 'logs')}   Ctrl-C stops everything`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  for (const proc of [stack.sim.process, stack.prometheus.process, stack.app?.process]) {
    proc?.child.once('exit', (code) => {
      if (stopping) return;
      console.error(`demo: ${proc.name} exited (code ${code}); see ${proc.logFile}\n${proc.tail()}`);
      void stop();
    });
  }
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  if (/ENOENT/.test(message) && /prometheus/.test(message)) {
    console.error('demo: the prometheus binary was not found. Install it with `sudo apt-get install prometheus` (Debian) or set PROMETHEUS_BIN.');
  } else {
    console.error(`demo: ${message}`);
  }
  process.exit(1);
}
