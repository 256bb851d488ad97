/**
 * The configuration the signals read on the server: objects from the config source and the
 * validator's findings (cached by snapshot in lib/istio/server-validation). Never throws: a source
 * that cannot be read costs the badges and idle rows, and a warning says so.
 */
import type { ConfigInput, ConfigValidation } from '../graph/badges';
import { validationOf } from '../istio/server-validation';
import { getConfigSource } from '../server/backends';

export interface LoadedConfig {
  config?: ConfigInput;
  warnings: string[];
}

function severity(s: string): ConfigValidation['severity'] {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'info';
}

export async function loadSignalsConfig(): Promise<LoadedConfig> {
  const source = getConfigSource();
  if (!source) return { warnings: [] };
  try {
    const snapshot = await source.snapshot();
    const objects = snapshot.objects.map((o) => o.object);
    let validations: ConfigValidation[] = [];
    const warnings: string[] = [];
    try {
      validations = validationOf(snapshot).findings.map((f) => ({
        kind: f.kind, namespace: f.namespace || 'default', name: f.name, severity: severity(f.severity), message: `${f.code}: ${f.message}`,
      }));
    } catch (err) {
      warnings.push(`The Istio configuration could not be validated, so validation badges are missing: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { config: { objects, validations }, warnings };
  } catch (err) {
    return { warnings: [`The Istio configuration could not be read, so config badges are missing: ${err instanceof Error ? err.message : String(err)}`] };
  }
}
