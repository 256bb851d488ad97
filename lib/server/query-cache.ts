/**
 * Request coalescing plus a short-lived cache for backend reads: identical reads in flight are sent
 * once, and a result is reused for `ttlMs`. Failures are never cached. Expired results are dropped
 * when they expire (a timer) and as new ones arrive, and the number of entries is bounded (oldest
 * first), so memory stays flat.
 *
 * Cancellation: each caller may pass its own AbortSignal (e.g. the browser request's). A caller that
 * gives up is answered at once with the abort reason, but the shared backend read goes on for the
 * others; only when every waiting caller has given up is the read itself cancelled (the signal handed
 * to `load` aborts), so one viewer closing a tab never fails the 49 others sharing its query.
 */
export type CacheResult = 'hit' | 'miss' | 'coalesced';

export interface QueryCacheOptions {
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
  onLookup?: (result: CacheResult) => void;
}

export interface CacheGetOptions {
  /** The caller's signal: when it aborts, this caller stops waiting (the read goes on for others). */
  signal?: AbortSignal;
  /** Whether a loaded value may be kept for `ttlMs` (default: always); it is shared in flight either way. */
  cacheIf?: (value: unknown) => boolean;
}

export interface QueryCache {
  /** `load` receives a signal that aborts when no caller waits for the read any more. */
  get<T>(key: string, load: (signal: AbortSignal) => Promise<T>, options?: CacheGetOptions): Promise<T>;
  /** Results held now (expired ones are let go by a timer within a millisecond of expiring). */
  readonly size: number;
  /** Reads currently being sent to the backend (after coalescing). */
  readonly inFlight: number;
  clear(): void;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

interface Pending {
  promise: Promise<unknown>;
  controller: AbortController;
  /** Callers still waiting; callers without a signal wait for good (count as Infinity). */
  waiters: number;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

export function createQueryCache(options: QueryCacheOptions): QueryCache {
  const maxEntries = options.maxEntries ?? 2000;
  const now = options.now ?? Date.now;
  const done = new Map<string, Entry>();
  const inFlight = new Map<string, Pending>();

  /**
   * Drops expired entries. Every entry lives `ttlMs`, so the Map's insertion order is expiry order:
   * stop at the first live one. Without this, keys that are never asked again (each time quantum
   * makes new ones) would hold their results until `maxEntries` pushes them out.
   */
  function sweep(): void {
    const t = now();
    for (const [key, entry] of done) {
      if (entry.expiresAt > t) break;
      done.delete(key);
    }
  }

  /**
   * One timer, for the oldest entry's expiry: a result nobody asks for again is let go when it
   * expires, not when the next one arrives (an idle dashboard held its last graph's samples, ~1.5 MB
   * at 100 workloads, until the next poll or for good).
   */
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  function scheduleExpiry(): void {
    if (expiryTimer !== undefined) return;
    const oldest = done.values().next().value;
    if (oldest === undefined) return;
    expiryTimer = setTimeout(() => {
      expiryTimer = undefined;
      sweep();
      scheduleExpiry();
    }, Math.min(options.ttlMs, Math.max(0, oldest.expiresAt - now())) + 1);
    expiryTimer.unref?.();
  }

  function remember(key: string, value: unknown): void {
    sweep();
    done.delete(key);
    done.set(key, { value, expiresAt: now() + options.ttlMs });
    while (done.size > maxEntries) {
      const oldest = done.keys().next().value;
      if (oldest === undefined) break;
      done.delete(oldest);
    }
    scheduleExpiry();
  }

  /** The shared promise as seen by one caller: rejects early when that caller's signal aborts. */
  function join<T>(key: string, pending: Pending, signal: AbortSignal | undefined): Promise<T> {
    if (!signal) {
      pending.waiters = Number.POSITIVE_INFINITY;
      return pending.promise as Promise<T>;
    }
    if (signal.aborted) return Promise.reject(abortReason(signal));
    pending.waiters += 1;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        pending.waiters -= 1;
        if (pending.waiters <= 0 && inFlight.get(key) === pending) {
          inFlight.delete(key);
          pending.controller.abort(abortReason(signal));
        }
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      pending.promise.then(
        (value) => {
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
          resolve(value as T);
        },
        (err: unknown) => {
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
          reject(err);
        },
      );
    });
  }

  return {
    get<T>(key: string, load: (signal: AbortSignal) => Promise<T>, getOptions: CacheGetOptions = {}): Promise<T> {
      const cached = done.get(key);
      if (cached && cached.expiresAt > now()) {
        options.onLookup?.('hit');
        return Promise.resolve(cached.value as T);
      }
      if (cached) done.delete(key);
      const existing = inFlight.get(key);
      if (existing) {
        options.onLookup?.('coalesced');
        return join<T>(key, existing, getOptions.signal);
      }
      if (getOptions.signal?.aborted) return Promise.reject(abortReason(getOptions.signal));
      options.onLookup?.('miss');
      const controller = new AbortController();
      const pending: Pending = { promise: Promise.resolve(), controller, waiters: 0 };
      let loaded: Promise<T>;
      try {
        loaded = load(controller.signal);
      } catch (err) {
        loaded = Promise.reject(err);
      }
      pending.promise = loaded.then(
        (value) => {
          if (inFlight.get(key) === pending) inFlight.delete(key);
          if (!controller.signal.aborted && (getOptions.cacheIf?.(value) ?? true)) remember(key, value);
          return value;
        },
        (err: unknown) => {
          if (inFlight.get(key) === pending) inFlight.delete(key);
          throw err;
        },
      );
      // Nobody may be left to observe a cancelled read's rejection.
      pending.promise.catch(() => undefined);
      inFlight.set(key, pending);
      return join<T>(key, pending, getOptions.signal);
    },
    get size() {
      return done.size;
    },
    get inFlight() {
      return inFlight.size;
    },
    clear() {
      done.clear();
      clearTimeout(expiryTimer);
      expiryTimer = undefined;
    },
  };
}
