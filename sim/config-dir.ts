/**
 * Reads the simulator's config directory (like `kubectl apply -f dir/`): every .yaml/.yml/.json file,
 * multi-document, `kind: List` expanded. A file that fails to parse is reported with its line and
 * ignored: the objects it held before (the last good version) stay in effect.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: unknown;
  [key: string]: unknown;
}

export interface ConfigProblem {
  file: string;
  line: number;
  message: string;
}

interface FileState {
  mtimeMs: number;
  size: number;
  objects: KubeObject[];
  problem?: ConfigProblem;
}

export interface ConfigDirSnapshot {
  objects: KubeObject[];
  problems: ConfigProblem[];
}

const CONFIG_FILE = /\.(ya?ml|json)$/i;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toKubeObjects(doc: unknown, file: string, line: number): KubeObject[] {
  if (doc === null || doc === undefined) return [];
  if (!isObject(doc)) throw Object.assign(new Error('document is not a mapping'), { line });
  if (doc.kind === 'List' && Array.isArray(doc.items)) return doc.items.flatMap((item) => toKubeObjects(item, file, line));
  const meta = doc.metadata;
  if (typeof doc.kind !== 'string' || typeof doc.apiVersion !== 'string' || !isObject(meta) || typeof meta.name !== 'string') {
    throw Object.assign(new Error('object needs apiVersion, kind and metadata.name'), { line });
  }
  return [doc as KubeObject];
}

/** Parses one file's text; throws an Error with a `line` property on the first problem. */
export function parseConfigText(text: string, file: string): KubeObject[] {
  if (file.endsWith('.json')) {
    try {
      return toKubeObjects(JSON.parse(text), file, 1);
    } catch (err) {
      const m = /position (\d+)/.exec(String(err));
      const line = m ? text.slice(0, Number(m[1])).split('\n').length : 1;
      throw Object.assign(new Error(err instanceof Error ? err.message : String(err)), { line });
    }
  }
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const objects: KubeObject[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const error = doc.errors[0];
    if (error) throw Object.assign(new Error(error.message.split('\n')[0] ?? error.message), { line: lineOf(error.pos[0]) });
    const start = doc.contents?.range?.[0] ?? 0;
    objects.push(...toKubeObjects(doc.toJS(), file, lineOf(start)));
  }
  return objects;
}

export interface ConfigDir {
  /** Re-reads changed files (by mtime/size) and returns the current objects and problems. */
  refresh(): ConfigDirSnapshot;
}

export function openConfigDir(dir: string): ConfigDir {
  const files = new Map<string, FileState>();
  return {
    refresh() {
      let names: string[] = [];
      try {
        names = readdirSync(dir).filter((n) => CONFIG_FILE.test(n)).sort();
      } catch {
        names = [];
      }
      for (const known of [...files.keys()]) if (!names.includes(known)) files.delete(known);
      for (const name of names) {
        const full = path.join(dir, name);
        let stat;
        try {
          stat = statSync(full);
        } catch {
          continue;
        }
        const prev = files.get(name);
        if (prev && prev.mtimeMs === stat.mtimeMs && prev.size === stat.size) continue;
        try {
          const objects = parseConfigText(readFileSync(full, 'utf8'), name);
          files.set(name, { mtimeMs: stat.mtimeMs, size: stat.size, objects });
        } catch (err) {
          const line = (err as { line?: number }).line ?? 1;
          const problem = { file: name, line, message: err instanceof Error ? err.message : String(err) };
          files.set(name, { mtimeMs: stat.mtimeMs, size: stat.size, objects: prev?.objects ?? [], problem });
        }
      }
      const objects: KubeObject[] = [];
      const problems: ConfigProblem[] = [];
      for (const state of files.values()) {
        objects.push(...state.objects);
        if (state.problem) problems.push(state.problem);
      }
      return { objects, problems };
    },
  };
}
