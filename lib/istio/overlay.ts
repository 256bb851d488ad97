/**
 * Validating proposed YAML against the current config, as `kubectl apply` would change it: the proposed
 * objects replace the current ones with the same kind/namespace/name, everything else stays as context,
 * and only the proposed objects' findings (and their parse errors) are reported. Nothing is written.
 */
import { snapshotOf, type ConfigSnapshot } from './config-source';
import { validateConfig, type Finding, type ValidateOptions } from './validate';
import type { ConfigObject, LoadResult } from './yaml-loader';

const keyOf = (co: ConfigObject) => `${co.object.kind}|${co.object.metadata.namespace ?? ''}|${co.object.metadata.name}`;

export function validateProposed(current: ConfigSnapshot | null, proposed: LoadResult, options: ValidateOptions = {}): { findings: Finding[] } {
  const replaced = new Set(proposed.objects.map(keyOf));
  const context = (current?.objects ?? []).filter((co) => !replaced.has(keyOf(co)));
  const snapshot = snapshotOf([...context, ...proposed.objects], proposed.errors, 'proposed');
  return validateConfig(snapshot, { ...options, onlyObjects: new Set(proposed.objects) });
}
