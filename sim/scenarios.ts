/**
 * The demo's config directory and its scenarios. The directory is seeded with Bookinfo's base objects
 * (sim/bookinfo); applying a scenario copies sim/scenarios/<name>.yaml into it as
 * `scenario-<name>.yaml` — the same as `kubectl apply` — and removing it deletes that file.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BOOKINFO_DIR = path.join(here, 'bookinfo');
export const SCENARIO_DIR = path.join(here, 'scenarios');
const SCENARIO_PREFIX = 'scenario-';

export interface ScenarioInfo {
  name: string;
  description: string;
}

export function listScenarios(): ScenarioInfo[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const lines = readFileSync(path.join(SCENARIO_DIR, f), 'utf8').split('\n');
      const comment = lines
        .filter((l, i) => l.startsWith('#') && lines.slice(0, i).every((p) => p.startsWith('#')))
        .map((l) => l.replace(/^#\s?/, ''))
        .join(' ');
      return { name: f.replace(/\.yaml$/, ''), description: comment };
    });
}

function scenarioSource(name: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`invalid scenario name "${name}"`);
  const file = path.join(SCENARIO_DIR, `${name}.yaml`);
  if (!existsSync(file)) {
    throw new Error(`unknown scenario "${name}"; known: ${listScenarios().map((s) => s.name).join(', ')}`);
  }
  return file;
}

/** Copies the Bookinfo base objects into `configDir` (creating it) unless it already holds config. */
export function seedConfigDir(configDir: string): void {
  mkdirSync(configDir, { recursive: true });
  const hasConfig = readdirSync(configDir).some((f) => /\.(ya?ml|json)$/.test(f));
  if (hasConfig) return;
  for (const f of readdirSync(BOOKINFO_DIR)) copyFileSync(path.join(BOOKINFO_DIR, f), path.join(configDir, f));
}

/** Empties `configDir` and seeds it again: the base demo with no scenario. */
export function resetConfigDir(configDir: string): void {
  rmSync(configDir, { recursive: true, force: true });
  seedConfigDir(configDir);
}

export function appliedScenarios(configDir: string): string[] {
  if (!existsSync(configDir)) return [];
  return readdirSync(configDir)
    .filter((f) => f.startsWith(SCENARIO_PREFIX) && f.endsWith('.yaml'))
    .map((f) => f.slice(SCENARIO_PREFIX.length, -'.yaml'.length))
    .sort();
}

export async function applyScenario(configDir: string, name: string): Promise<void> {
  const source = scenarioSource(name);
  mkdirSync(configDir, { recursive: true });
  copyFileSync(source, path.join(configDir, `${SCENARIO_PREFIX}${name}.yaml`));
}

export async function removeScenario(configDir: string, name: string): Promise<void> {
  scenarioSource(name);
  rmSync(path.join(configDir, `${SCENARIO_PREFIX}${name}.yaml`), { force: true });
}
