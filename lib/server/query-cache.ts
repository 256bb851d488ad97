/**
 * Request coalescing plus a short-lived cache for backend reads: identical reads in flight are sent
 * once, and a result is reused for `ttlMs`. Failures are never cached. Bounded (oldest entries
 * evicted first), so it cannot grow without limit.
 */
export type CacheResult = 'hit' | 'miss' | 'coalesced';

export interface QueryCacheOptions {
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
  onLookup?: (result: CacheResult) => void;
}

export interface QueryCache {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  readonly size: number;
  clear(): void;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

export function createQueryCache(options: QueryCacheOptions): QueryCache {
  const maxEntries = options.maxEntries ?? 2000;
  const now = options.now ?? Date.now;
  const done = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<unknown>>();

  function remember(key: string, value: unknown): void {
    done.delete(key);
    done.set(key, { value, expiresAt: now() + options.ttlMs });
    while (done.size > maxEntries) {
      const oldest = done.keys().next().value;
      if (oldest === undefined) break;
      done.delete(oldest);
    }
  }

  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const cached = done.get(key);
      if (cached && cached.expiresAt > now()) {
        options.onLookup?.('hit');
        return Promise.resolve(cached.value as T);
      }
      if (cached) done.delete(key);
      const pending = inFlight.get(key);
      if (pending) {
        options.onLookup?.('coalesced');
        return pending as Promise<T>;
      }
      options.onLookup?.('miss');
      const promise = load().then(
        (value) => {
          inFlight.delete(key);
          remember(key, value);
          return value;
        },
        (err: unknown) => {
          inFlight.delete(key);
          throw err;
        },
      );
      inFlight.set(key, promise);
      return promise;
    },
    get size() {
      return done.size;
    },
    clear() {
      done.clear();
    },
  };
}
