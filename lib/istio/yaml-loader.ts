/**
 * Reads Kubernetes/Istio YAML (or JSON) the way `kubectl apply -f` does: several documents per file,
 * `kind: List` expanded, comments ignored. Every object keeps where it came from (file, first and last
 * line, its original text) and can map a field path such as `spec/http[0]/route[1]/destination/host`
 * to a line. A broken document becomes a LoadError with its file and line; the other documents of the
 * file and the other files are still read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import type { K8sObject } from './types';

export type PathSegment = string | number;

export interface SourceLocation {
  file: string;
  /** 1-based first line of the object in `file`. */
  line: number;
  /** 1-based last line of the object in `file`. */
  endLine: number;
}

/** One object of a config snapshot. */
export interface ConfigObject {
  object: K8sObject;
  /** Where the object was read from (absent for objects from the Kubernetes API or built in memory). */
  source?: SourceLocation;
  /** The object's original text (the lines `source.line`..`source.endLine`), when read from a file. */
  text?: string;
  /** The 1-based line (in `source.file`) of the field at `path`, or of its nearest existing parent. */
  lineOf?: (path: readonly PathSegment[]) => number | undefined;
}

export type LoadErrorKind = 'syntax' | 'not-an-object' | 'too-large' | 'read';

export interface LoadError {
  kind: LoadErrorKind;
  file: string;
  line: number;
  message: string;
}

export interface LoadOptions {
  /** Namespace given to namespaced objects without `metadata.namespace` (kubectl: `default`). */
  defaultNamespace?: string;
  /** Files larger than this are refused with a LoadError (default 32 MiB). */
  maxBytes?: number;
}

export interface LoadResult {
  objects: ConfigObject[];
  errors: LoadError[];
}

export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
export const CONFIG_FILE_PATTERN = /\.(ya?ml|json)$/i;

/** Kubernetes kinds that have no namespace (metadata.namespace is never defaulted for them). */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'StorageClass', 'PriorityClass', 'IngressClass',
  'GatewayClass', 'ClusterIssuer', 'APIService',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one file's text into objects and errors. Never throws. */
export function parseConfigText(text: string, file: string, options: LoadOptions = {}): LoadResult {
  const objects: ConfigObject[] = [];
  const errors: LoadError[] = [];
  const lineCounter = new LineCounter();
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    docs = Array.isArray(parsed) ? parsed : [parsed];
  } catch (err) {
    return { objects, errors: [{ kind: 'syntax', file, line: 1, message: err instanceof Error ? err.message : String(err) }] };
  }
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  let lines: string[] | undefined;
  const textOf = (start: number, end: number) => {
    lines ??= text.split('\n');
    return lines.slice(start - 1, end).join('\n');
  };

  const addObject = (value: Record<string, unknown>, node: YamlNode | null | undefined, fallbackLine: number) => {
    const meta = value.metadata;
    if (typeof value.apiVersion !== 'string' || typeof value.kind !== 'string' || !isRecord(meta) || typeof meta.name !== 'string' || meta.name === '') {
      const missing = [
        typeof value.apiVersion !== 'string' ? 'apiVersion' : null,
        typeof value.kind !== 'string' ? 'kind' : null,
        !isRecord(meta) || typeof meta.name !== 'string' || meta.name === '' ? 'metadata.name' : null,
      ].filter(Boolean);
      errors.push({ kind: 'not-an-object', file, line: fallbackLine, message: `not a Kubernetes object: missing ${missing.join(', ')}` });
      return;
    }
    const metadata = { ...meta, name: meta.name } as K8sObject['metadata'];
    if ((typeof metadata.namespace !== 'string' || metadata.namespace === '') && !CLUSTER_SCOPED.has(value.kind)) {
      metadata.namespace = options.defaultNamespace ?? 'default';
    }
    const range = node?.range;
    const line = range ? lineAt(range[0]) : fallbackLine;
    // range[1] is the end of the value; a block map ends after its last newline, so step back one char.
    const endLine = range ? Math.max(line, lineAt(Math.max(range[0], range[1] - 1))) : fallbackLine;
    objects.push({
      object: { ...(value as K8sObject), metadata },
      source: { file, line, endLine },
      text: textOf(line, endLine),
      lineOf: node ? (p) => lineOfPath(node, p, lineAt) ?? line : () => line,
    });
  };

  for (const doc of docs) {
    const docLine = lineAt(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0);
    const error = doc.errors[0];
    if (error) {
      errors.push({ kind: 'syntax', file, line: lineAt(error.pos[0]), message: (error.message.split('\n')[0] ?? error.message).trim() });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      errors.push({ kind: 'syntax', file, line: docLine, message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (!isRecord(value)) {
      errors.push({ kind: 'not-an-object', file, line: docLine, message: 'document is not a mapping (a Kubernetes object)' });
      continue;
    }
    if (value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item, i) => {
        const node = doc.getIn(['items', i], true) as YamlNode | undefined;
        const itemLine = node?.range ? lineAt(node.range[0]) : docLine;
        if (!isRecord(item)) {
          errors.push({ kind: 'not-an-object', file, line: itemLine, message: `items[${i}] of the List is not a mapping` });
          return;
        }
        addObject(item, node, itemLine);
      });
      continue;
    }
    addObject(value, doc.contents as YamlNode | null, docLine);
  }
  return { objects, errors };
}

/** The line of the node at `path` below `root` (for a map entry, the line of its key). */
function lineOfPath(root: YamlNode, segments: readonly PathSegment[], lineAt: (offset: number) => number): number | undefined {
  let node: unknown = root;
  let line = root.range ? lineAt(root.range[0]) : undefined;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const key = pair.key as YamlNode;
      if (key.range) line = lineAt(key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) break;
      if (item.range) line = lineAt(item.range[0]);
      node = item;
    } else break;
  }
  return line;
}

/** Splits a Kiali-style field path (`spec/http[0]/route[1]/destination`) into segments. */
export function parseFieldPath(fieldPath: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const part of fieldPath.split('/')) {
    if (part === '') continue;
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** Reads one file (size-guarded). */
export function loadFile(file: string, options: LoadOptions = {}): LoadResult {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const size = statSync(file).size;
    if (size > max) {
      return {
        objects: [],
        errors: [{ kind: 'too-large', file, line: 1, message: `file is ${(size / 1048576).toFixed(1)} MiB, more than the ${(max / 1048576).toFixed(0)} MiB limit; not read` }],
      };
    }
    return parseConfigText(readFileSync(file, 'utf8'), file, options);
  } catch (err) {
    return { objects: [], errors: [{ kind: 'read', file, line: 1, message: err instanceof Error ? err.message : String(err) }] };
  }
}

/**
 * Lists the config files under `target` (a file is returned as is; a directory is walked recursively,
 * skipping hidden entries and node_modules), sorted for a stable order.
 */
export function listConfigFiles(target: string): string[] {
  const st = statSync(target);
  if (!st.isDirectory()) return [target];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && CONFIG_FILE_PATTERN.test(entry.name)) out.push(full);
    }
  };
  walk(target);
  return out;
}

/** Reads files and directories; a missing path is a LoadError, not an exception. */
export function loadPaths(targets: readonly string[], options: LoadOptions = {}): LoadResult {
  const objects: ConfigObject[] = [];
  const errors: LoadError[] = [];
  for (const target of targets) {
    let files: string[];
    try {
      files = listConfigFiles(target);
    } catch (err) {
      errors.push({ kind: 'read', file: target, line: 1, message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    for (const file of files) {
      const r = loadFile(file, options);
      objects.push(...r.objects);
      errors.push(...r.errors);
    }
  }
  return { objects, errors };
}
