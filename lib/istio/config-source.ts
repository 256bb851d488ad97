/**
 * Where Istio config comes from. One small interface, two implementations:
 *
 *   - `DirectoryConfigSource(dir)`: YAML/JSON files under a directory (the demo, `meshscope validate dir/`).
 *   - a Kubernetes source (lib/kube, to be written) that lists the same kinds through the API, read-only.
 *
 * Contract for implementers:
 *   - `snapshot()` resolves to every object the source holds right now plus the problems met reading
 *     them. It never rejects because one object or file is bad (that is a LoadError in `errors`); it
 *     rejects with an AppError (`backend_unavailable`, backend `config`/`kubernetes`) only when the
 *     source as a whole cannot be read (directory missing, API unreachable).
 *   - Objects carry `source` (file and lines) when they come from files; API objects have none.
 *   - Namespaced objects always have `metadata.namespace` set.
 *   - A snapshot is immutable. When nothing changed since the previous call, returning the very same
 *     snapshot object lets callers cache derived data (validation) by identity.
 */
import { statSync } from 'node:fs';
import { AppError } from '../server/errors';
import { listConfigFiles, loadFile, type ConfigObject, type LoadError, type LoadOptions } from './yaml-loader';

export interface ConfigSnapshot {
  /** Every object, in a stable order (file order for directories). */
  objects: ConfigObject[];
  /** Files or documents that could not be read; the rest of the snapshot is still usable. */
  errors: LoadError[];
  /** When the snapshot was taken (ms since the epoch). */
  takenAt: number;
  /** Where the snapshot came from, for people ("directory /data/config", "Kubernetes API"). */
  origin: string;
}

export interface ConfigSource {
  readonly kind: 'directory' | 'kubernetes';
  snapshot(): Promise<ConfigSnapshot>;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  objects: ConfigObject[];
  errors: LoadError[];
}

/** Reads a directory of YAML; files are re-parsed only when their mtime or size changed. */
export class DirectoryConfigSource implements ConfigSource {
  readonly kind = 'directory' as const;
  private files = new Map<string, CachedFile>();
  private last?: { key: string; snapshot: ConfigSnapshot };

  constructor(
    readonly dir: string,
    private readonly options: LoadOptions = {},
  ) {}

  async snapshot(): Promise<ConfigSnapshot> {
    let names: string[];
    try {
      if (!statSync(this.dir).isDirectory()) throw new Error(`${this.dir} is not a directory`);
      names = listConfigFiles(this.dir);
    } catch (err) {
      throw new AppError('backend_unavailable', `Config directory ${this.dir} cannot be read: ${err instanceof Error ? err.message : String(err)}`, {
        backend: 'config',
        cause: err,
      });
    }
    const seen = new Set<string>();
    const keyParts: string[] = [];
    for (const file of names) {
      seen.add(file);
      let st: { mtimeMs: number; size: number };
      try {
        st = statSync(file);
      } catch {
        continue; // removed between listing and stat
      }
      keyParts.push(`${file}:${st.mtimeMs}:${st.size}`);
      const cached = this.files.get(file);
      if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) continue;
      const result = loadFile(file, this.options);
      this.files.set(file, { mtimeMs: st.mtimeMs, size: st.size, ...result });
    }
    for (const file of [...this.files.keys()]) if (!seen.has(file)) this.files.delete(file);
    const key = keyParts.join('|');
    if (this.last?.key === key) return this.last.snapshot;
    const objects: ConfigObject[] = [];
    const errors: LoadError[] = [];
    for (const file of names) {
      const f = this.files.get(file);
      if (!f) continue;
      objects.push(...f.objects);
      errors.push(...f.errors);
    }
    const snapshot: ConfigSnapshot = { objects, errors, takenAt: Date.now(), origin: `directory ${this.dir}` };
    this.last = { key, snapshot };
    return snapshot;
  }
}

/** A snapshot built from objects in memory (tests, pasted YAML, benchmarks). */
export function snapshotOf(objects: ConfigObject[], errors: LoadError[] = [], origin = 'memory'): ConfigSnapshot {
  return { objects, errors, takenAt: Date.now(), origin };
}
