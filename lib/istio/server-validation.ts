/**
 * Server-side access to the validation of the configured config source. The result is cached by
 * snapshot identity: a DirectoryConfigSource returns the same snapshot object while no file changed,
 * so repeated calls (graph badges, service lists, /config) validate once.
 */
import { getConfigSource } from '@/lib/server/backends';
import type { ConfigSnapshot } from './config-source';
import { validateConfig, type Finding } from './validate';

export interface ServerValidation {
  snapshot: ConfigSnapshot;
  findings: Finding[];
}

const g = globalThis as typeof globalThis & { __meshscopeValidation?: { snapshot: ConfigSnapshot; result: ServerValidation } };

/** Validates `snapshot`, reusing the last result when it is the same snapshot object. */
export function validationOf(snapshot: ConfigSnapshot): ServerValidation {
  const last = g.__meshscopeValidation;
  if (last && last.snapshot === snapshot) return last.result;
  const result: ServerValidation = { snapshot, findings: validateConfig(snapshot).findings };
  g.__meshscopeValidation = { snapshot, result };
  return result;
}

/**
 * The validation of the current config, or null when no config source is configured. Rejects with the
 * source's AppError (backend `config`/`kubernetes`) when the source cannot be read.
 */
export async function getValidation(): Promise<ServerValidation | null> {
  const source = getConfigSource();
  if (!source) return null;
  return validationOf(await source.snapshot());
}

/** Findings of one object (kind/namespace/name). */
export function findingsFor(findings: readonly Finding[], kind: string, namespace: string, name: string): Finding[] {
  return findings.filter((f) => f.kind === kind && f.namespace === namespace && f.name === name);
}
