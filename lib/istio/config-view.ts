/**
 * What the /config pages show, computed from a snapshot and its findings (pure; the API routes call it):
 * the list of Istio objects with their finding counts, and one object's YAML with its findings mapped
 * to lines of that YAML. Objects without a file (Kubernetes API) are printed as YAML and the findings'
 * field paths are mapped on the printed text.
 */
import { stringify } from 'yaml';
import { SEVERITY_RANK, type Severity } from './catalog';
import type { ConfigSnapshot } from './config-source';
import { isIstioKind, type IstioKind } from './types';
import type { Finding } from './validate';
import { parseConfigText, parseFieldPath, type ConfigObject } from './yaml-loader';

export type Counts = Record<Severity, number>;

export interface ConfigListItem {
  kind: IstioKind;
  apiVersion: string;
  namespace: string;
  name: string;
  counts: Counts;
  /** Worst severity of its findings, or null when valid. */
  worst: Severity | null;
  file?: string;
  line?: number;
}

export interface ConfigList {
  origin: string;
  takenAt: number;
  items: ConfigListItem[];
  /** Findings that belong to no listed object: unreadable files and documents, unknown kinds. */
  other: Finding[];
  totals: Counts;
}

export interface FindingAtLine extends Finding {
  /** 1-based line in `yaml` (not in the file). */
  yamlLine: number;
}

export interface ConfigDetail {
  kind: IstioKind;
  apiVersion: string;
  namespace: string;
  name: string;
  origin: string;
  file?: string;
  /** Line of `yaml`'s first line in `file`. */
  firstLine: number;
  yaml: string;
  findings: FindingAtLine[];
}

const zero = (): Counts => ({ error: 0, warning: 0, info: 0 });
const keyOf = (kind: string, ns: string, name: string) => `${kind}|${ns}|${name}`;

function worstOf(c: Counts): Severity | null {
  return c.error > 0 ? 'error' : c.warning > 0 ? 'warning' : c.info > 0 ? 'info' : null;
}

export function listConfig(snapshot: ConfigSnapshot, findings: readonly Finding[]): ConfigList {
  const items = new Map<string, ConfigListItem>();
  for (const co of snapshot.objects) {
    const o = co.object;
    if (!isIstioKind(o.kind)) continue;
    const ns = o.metadata.namespace ?? '';
    items.set(keyOf(o.kind, ns, o.metadata.name), {
      kind: o.kind,
      apiVersion: o.apiVersion,
      namespace: ns,
      name: o.metadata.name,
      counts: zero(),
      worst: null,
      ...(co.source ? { file: co.source.file, line: co.source.line } : {}),
    });
  }
  const other: Finding[] = [];
  const totals = zero();
  for (const f of findings) {
    totals[f.severity]++;
    const item = items.get(keyOf(f.kind, f.namespace, f.name));
    if (item) item.counts[f.severity]++;
    else other.push(f);
  }
  const list = [...items.values()];
  for (const i of list) i.worst = worstOf(i.counts);
  list.sort((a, b) => a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return { origin: snapshot.origin, takenAt: snapshot.takenAt, items: list, other, totals };
}

/** The YAML text of an object and a field-path → line function for it. */
export function yamlOf(co: ConfigObject): { yaml: string; firstLine: number; lineOf: (path: string) => number | undefined } {
  if (co.text !== undefined && co.source && co.lineOf) {
    const first = co.source.line;
    return { yaml: co.text, firstLine: first, lineOf: (p) => (co.lineOf!(parseFieldPath(p)) ?? first) - first + 1 };
  }
  const { apiVersion, kind, metadata, ...rest } = co.object;
  const meta = Object.fromEntries(Object.entries(metadata).filter(([k]) => !['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp'].includes(k)));
  const text = stringify({ apiVersion, kind, metadata: meta, ...rest }, { lineWidth: 0 });
  const parsed = parseConfigText(text, 'printed').objects[0];
  return { yaml: text.trimEnd(), firstLine: 1, lineOf: (p) => parsed?.lineOf?.(parseFieldPath(p)) };
}

export function configDetail(snapshot: ConfigSnapshot, findings: readonly Finding[], kind: string, namespace: string, name: string): ConfigDetail | null {
  if (!isIstioKind(kind)) return null;
  const co = snapshot.objects.find((c) => c.object.kind === kind && (c.object.metadata.namespace ?? '') === namespace && c.object.metadata.name === name);
  if (!co) return null;
  const { yaml, firstLine, lineOf } = yamlOf(co);
  const mine = findings
    .filter((f) => f.kind === kind && f.namespace === namespace && f.name === name)
    .map((f) => ({ ...f, yamlLine: Math.max(1, lineOf(f.path) ?? 1) }))
    .sort((a, b) => a.yamlLine - b.yamlLine || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return { kind, apiVersion: co.object.apiVersion, namespace, name, origin: snapshot.origin, file: co.source?.file, firstLine, yaml, findings: mine };
}
