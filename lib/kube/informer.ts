/**
 * An informer for one resource: list (paged), then watch from the list's resourceVersion with
 * bookmarks, keeping an in-memory store current. A watch that closes is resumed from the last
 * resourceVersion seen (no object lost); 410 Gone (the version was compacted) relists. Errors back off
 * exponentially; the last good store stays readable meanwhile.
 */
import type { AppError } from '@/lib/server/errors';
import type { K8sObject } from '@/lib/istio/types';
import { kubeBadResponse, kubeStatusError, kubeUnreachable } from './errors';
import { apiVersionOf, collectionPath, resourceName, type KubeResource } from './resources';
import { ListSchema, WatchEventSchema, type KubeObjectWire, type WatchEvent } from './schemas';
import type { KubeTransport } from './transport';

export interface InformerOptions {
  /** First retry delay after an error; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Server-side watch timeout (the API closes the watch after it; we resume). */
  watchTimeoutSec?: number;
  /** Client-side: a watch silent this long is treated as broken and resumed. */
  watchIdleTimeoutMs?: number;
  pageSize?: number;
  /** How often to look again for an optional CRD that is not installed. */
  recheckMissingMs?: number;
  onChange?: () => void;
}

export interface InformerState {
  resource: string;
  synced: boolean;
  /** The optional CRD is not served by this cluster. */
  notInstalled: boolean;
  count: number;
  resourceVersion?: string;
  /** The last error; cleared once a list or watch succeeds again. */
  error?: AppError;
  lists: number;
  watches: number;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref?.();
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}

class GoneError extends Error {}

export class Informer {
  private store = new Map<string, K8sObject>();
  private version?: string;
  private rv?: string;
  private synced = false;
  private notInstalled = false;
  private listing = false;
  private error?: AppError;
  private lists = 0;
  private watches = 0;
  private waiters: Array<{ resolve: () => void; reject: (e: AppError) => void }> = [];
  private readonly abort = new AbortController();
  private started = false;
  /** Increments whenever the store changes. */
  generation = 0;

  constructor(
    readonly resource: KubeResource,
    private readonly transport: KubeTransport,
    private readonly options: InformerOptions = {},
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  stop(): void {
    this.abort.abort();
  }

  /** Resolves once the first list succeeded; rejects with the list error (the informer keeps retrying). */
  ready(): Promise<void> {
    this.start();
    if (this.synced) return Promise.resolve();
    if (this.error && !this.listing) return Promise.reject(this.error);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** The first list is in (later failures keep serving the last good store). */
  get isSynced(): boolean {
    return this.synced;
  }

  objects(): K8sObject[] {
    return [...this.store.values()];
  }

  state(): InformerState {
    return {
      resource: resourceName(this.resource), synced: this.synced, notInstalled: this.notInstalled, count: this.store.size,
      resourceVersion: this.rv, error: this.error, lists: this.lists, watches: this.watches,
    };
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let backoff = this.options.backoffMs ?? 1000;
    let needList = true;
    while (!signal.aborted) {
      try {
        if (needList) {
          await this.listAll();
          needList = false;
          if (this.notInstalled) {
            await sleep(this.options.recheckMissingMs ?? 60_000, signal);
            needList = true;
            continue;
          }
        }
        await this.watchOnce(() => { backoff = this.options.backoffMs ?? 1000; });
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof GoneError) { needList = true; continue; }
        this.error = err as AppError;
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 30_000);
      }
    }
  }

  private normalize(o: KubeObjectWire, version: string): K8sObject {
    const { managedFields: _m, ...meta } = o.metadata as KubeObjectWire['metadata'] & { managedFields?: unknown };
    if (meta.annotations && LAST_APPLIED in meta.annotations) {
      const { [LAST_APPLIED]: _l, ...rest } = meta.annotations;
      meta.annotations = rest;
    }
    return {
      ...o,
      apiVersion: o.apiVersion ?? apiVersionOf(this.resource, version),
      kind: o.kind ?? this.resource.kind,
      metadata: meta,
    } as K8sObject;
  }

  private key(o: { metadata: { name: string; namespace?: string } }): string {
    return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  }

  private async listAll(): Promise<void> {
    this.listing = true;
    try {
      const fresh = await this.fetchList();
      const changed = fresh === null ? this.store.size > 0 : this.differs(fresh);
      this.store = fresh ?? new Map();
      this.notInstalled = fresh === null;
      if (changed) this.bump();
      this.synced = true;
      this.error = undefined;
      this.lists += 1;
      for (const w of this.waiters.splice(0)) w.resolve();
    } catch (err) {
      this.error = err as AppError;
      for (const w of this.waiters.splice(0)) w.reject(err as AppError);
      throw err;
    } finally {
      this.listing = false;
    }
  }

  /** The whole collection, or null when an optional CRD is not served in any version. */
  private async fetchList(): Promise<Map<string, K8sObject> | null> {
    const what = resourceName(this.resource);
    const { server } = this.transport;
    const versions = this.version ? [this.version, ...this.resource.versions.filter((v) => v !== this.version)] : this.resource.versions;
    for (const version of versions) {
      const items = new Map<string, K8sObject>();
      let cont: string | undefined;
      let rv: string | undefined;
      let notFound = false;
      do {
        const q = new URLSearchParams({ limit: String(this.options.pageSize ?? 500), ...(cont ? { continue: cont } : {}) });
        let res;
        try {
          res = await this.transport.request(`${collectionPath(this.resource, version)}?${q}`, { signal: this.abort.signal });
        } catch (err) {
          throw kubeUnreachable('list', what, server, err);
        }
        if (res.status === 404) { notFound = true; break; }
        if (res.status === 410 && cont) { cont = undefined; items.clear(); continue; } // continue token expired
        if (res.status !== 200) throw kubeStatusError('list', what, server, res.status, res.body);
        let parsed;
        try {
          parsed = ListSchema.safeParse(JSON.parse(res.body));
        } catch {
          throw kubeBadResponse('list', what, 'not JSON');
        }
        if (!parsed.success) throw kubeBadResponse('list', what, parsed.error.issues[0]?.message ?? 'invalid list');
        for (const item of parsed.data.items) {
          const obj = this.normalize(item, version);
          items.set(this.key(obj), obj);
        }
        cont = parsed.data.metadata.continue || undefined;
        rv = parsed.data.metadata.resourceVersion;
      } while (cont);
      if (notFound) continue;
      this.version = version;
      this.rv = rv;
      return items;
    }
    if (this.resource.optional) return null;
    throw kubeStatusError('list', what, server, 404, 'the API server does not serve this resource');
  }

  private differs(fresh: Map<string, K8sObject>): boolean {
    if (fresh.size !== this.store.size) return true;
    for (const [k, o] of fresh) {
      if (this.store.get(k)?.metadata.resourceVersion !== o.metadata.resourceVersion) return true;
    }
    return false;
  }

  private bump(): void {
    this.generation += 1;
    this.options.onChange?.();
  }

  private async watchOnce(onOpen: () => void): Promise<void> {
    const what = resourceName(this.resource);
    const version = this.version ?? this.resource.versions[0]!;
    const timeoutSec = this.options.watchTimeoutSec ?? 300 + Math.floor(Math.random() * 300);
    const q = new URLSearchParams({
      watch: '1', allowWatchBookmarks: 'true', timeoutSeconds: String(timeoutSec),
      ...(this.rv ? { resourceVersion: this.rv } : {}),
    });
    let gone = false;
    let bad = false;
    let failed: AppError | undefined;
    let res;
    try {
      res = await this.transport.stream(`${collectionPath(this.resource, version)}?${q}`, (line) => {
        if (gone || bad || failed) return;
        let ev;
        try {
          ev = WatchEventSchema.safeParse(JSON.parse(line));
        } catch {
          ev = undefined;
        }
        if (!ev?.success) { bad = true; return; }
        this.apply(ev.data, version, () => { gone = true; }, (e) => { failed = e; });
      }, {
        signal: this.abort.signal,
        unref: true,
        // Bookmarks arrive about every minute; silence well past the server's own timeout means a dead link.
        idleTimeoutMs: this.options.watchIdleTimeoutMs ?? (timeoutSec + 60) * 1000,
        onOpen: () => { this.watches += 1; this.error = undefined; onOpen(); },
      });
    } catch (err) {
      throw kubeUnreachable('watch', what, this.transport.server, err);
    }
    if (res.status === 410 || gone) throw new GoneError();
    if (bad) {
      this.error = kubeBadResponse('watch', what, 'an event that is not a watch event; relisting');
      throw new GoneError();
    }
    if (res.status !== 200) throw kubeStatusError('watch', what, this.transport.server, res.status, res.body);
    if (failed) throw failed;
  }

  private apply(ev: WatchEvent, version: string, onGone: () => void, onError: (e: AppError) => void): void {
    if (ev.type === 'BOOKMARK') { this.rv = ev.object.metadata.resourceVersion; return; }
    if (ev.type === 'ERROR') {
      if (ev.object.code === 410) onGone();
      else onError(kubeStatusError('watch', resourceName(this.resource), this.transport.server, ev.object.code ?? 500, JSON.stringify(ev.object)));
      return;
    }
    const obj = this.normalize(ev.object, version);
    if (ev.type === 'DELETED') this.store.delete(this.key(obj));
    else this.store.set(this.key(obj), obj);
    if (obj.metadata.resourceVersion) this.rv = String(obj.metadata.resourceVersion);
    this.bump();
  }
}
