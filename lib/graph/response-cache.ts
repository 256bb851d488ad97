/**
 * The built /api/graph answer, kept per (request, evaluation time, config snapshot) for the query
 * cache's TTL, and shared in flight: viewers polling the same graph in the same time quantum get the
 * one JSON text built for the first of them, instead of each rebuilding the graph from the (cached)
 * vectors and serialising it again. The config snapshot's identity and takenAt are part of the key, so
 * a configuration change (a new snapshot object) builds a new graph at once. Answers that lack a part
 * (a failed optional query, unreadable config, missing security badges) are shared in flight but not
 * kept, so a recovered backend shows up on the next request as it did before.
 */
import type { JsonBody } from '../server/node-json';
import { createQueryCache, type QueryCache } from '../server/query-cache';
import type { GraphAnswerFormat, GraphRequest } from './params';

export interface BuiltGraphResponse extends JsonBody {
  /** The response body (GraphResponse as JSON); `gzip` is added by the first request that takes it. */
  json: string;
  /** False when the answer lacks something a retry may bring back. */
  complete: boolean;
}

const g = globalThis as typeof globalThis & { __meshscopeGraphResponses?: { ttlMs: number; cache: QueryCache } };

/** The process-wide cache of built graph answers (a few MB each at 1,000 workloads: few entries). */
export function graphResponseCache(ttlMs: number): QueryCache {
  if (g.__meshscopeGraphResponses?.ttlMs !== ttlMs) g.__meshscopeGraphResponses = { ttlMs, cache: createQueryCache({ ttlMs, maxEntries: 16 }) };
  return g.__meshscopeGraphResponses.cache;
}

const ids = new WeakMap<object, number>();
let nextId = 0;

/** A config snapshot's identity for cache keys: same object, same id; `none` without a source. */
export function snapshotIdentity(snapshot: { takenAt: number } | null): string {
  if (!snapshot) return 'none';
  let id = ids.get(snapshot);
  if (id === undefined) ids.set(snapshot, (id = ++nextId));
  return `${id}@${snapshot.takenAt}`;
}

export function graphResponseKey(req: GraphRequest, format: GraphAnswerFormat, timeSec: number, config: string): string {
  return JSON.stringify([timeSec, config, format, req]);
}

export const isComplete = (value: unknown): boolean => (value as BuiltGraphResponse).complete;
