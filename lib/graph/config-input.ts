/**
 * The configuration the graph appenders read (ConfigInput), taken from whatever config source the
 * server has. A failing source never fails the graph: the graph is built without badges and says why
 * in a warning. Validation findings (when a validator is supplied) become config-error badges.
 */
import type { ConfigInput, ConfigObject, ConfigValidation } from './badges';

/** The part of a config snapshot this module reads (lib/istio/config-source ConfigSnapshot). */
export interface SnapshotLike {
  objects: ReadonlyArray<{ object: ConfigObject }>;
}

/** One validator finding (lib/istio/validate.ts). */
export interface FindingLike {
  severity: string;
  kind: string;
  namespace?: string;
  name: string;
  message: string;
  code?: string;
}

export interface ConfigInputResult {
  config?: ConfigInput;
  warnings: string[];
}

function toSeverity(s: string): ConfigValidation['severity'] {
  if (s === 'error') return 'error';
  if (s === 'warning') return 'warning';
  return 'info';
}

/** Maps validator findings to the badge appender's validations (info findings are kept but not badged). */
export function findingsToValidations(findings: readonly FindingLike[]): ConfigValidation[] {
  return findings.map((f) => ({
    kind: f.kind,
    namespace: f.namespace ?? 'default',
    name: f.name,
    severity: toSeverity(f.severity),
    message: f.code ? `${f.code}: ${f.message}` : f.message,
  }));
}

/** findingsToValidations, one array per findings array (validation is cached per snapshot), so appenders can memoise on it. */
const validationsOfFindings = new WeakMap<readonly FindingLike[], ConfigValidation[]>();

function validationsOf(findings: readonly FindingLike[]): ConfigValidation[] {
  let validations = validationsOfFindings.get(findings);
  if (!validations) validationsOfFindings.set(findings, (validations = findingsToValidations(findings)));
  return validations;
}

/** The plain objects of a snapshot, one array per snapshot (so appenders can memoise on it). */
const plainObjects = new WeakMap<SnapshotLike['objects'], readonly ConfigObject[]>();

function objectsOf(snap: SnapshotLike): readonly ConfigObject[] {
  let objects = plainObjects.get(snap.objects);
  if (!objects) plainObjects.set(snap.objects, (objects = snap.objects.map((o) => o.object)));
  return objects;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Reads the snapshot and (optionally) validates it. `snapshot` is null when no config source is
 * configured. Never throws.
 */
export async function loadConfigInput<S extends SnapshotLike>(
  snapshot: (() => Promise<S>) | null,
  validate?: (s: S) => Promise<{ findings: readonly FindingLike[] }> | { findings: readonly FindingLike[] },
): Promise<ConfigInputResult> {
  if (!snapshot) return { warnings: [] };
  let snap: S;
  try {
    snap = await snapshot();
  } catch (err) {
    return { warnings: [`The Istio configuration could not be read, so the graph shows no config badges or idle nodes: ${messageOf(err)}`] };
  }
  const config: ConfigInput = { objects: objectsOf(snap) };
  if (!validate) return { config, warnings: [] };
  try {
    const { findings } = await validate(snap);
    return { config: { ...config, validations: validationsOf(findings) }, warnings: [] };
  } catch (err) {
    return { config, warnings: [`The Istio configuration could not be validated, so config-error badges are missing: ${messageOf(err)}`] };
  }
}
