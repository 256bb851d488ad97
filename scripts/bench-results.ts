/**
 * What bench/results.json holds after a run. A full run replaces it; a run of some benchmarks
 * (`npm run bench -- <name>`) replaces only theirs and keeps the others' last results. A selected
 * benchmark that failed loses its old result (it would pass for current). Order: as the benchmarks
 * are declared, then any names no longer declared.
 */
import type { BenchResult } from '../bench/types';

export function mergeBenchResults(
  previous: readonly BenchResult[],
  ran: readonly BenchResult[],
  selected: readonly string[],
  declared: readonly string[],
  fullRun: boolean,
): BenchResult[] {
  const byName = new Map<string, BenchResult>();
  if (!fullRun) for (const r of previous) if (!selected.includes(r.name)) byName.set(r.name, r);
  for (const r of ran) byName.set(r.name, r);
  const rank = new Map(declared.map((n, i) => [n, i]));
  return [...byName.values()].sort((a, b) => (rank.get(a.name) ?? declared.length) - (rank.get(b.name) ?? declared.length));
}

/** The results in a results.json text, or none when it is missing or not a list of results. */
export function parseBenchResults(text: string | undefined): BenchResult[] {
  if (!text) return [];
  try {
    const json: unknown = JSON.parse(text);
    if (!Array.isArray(json)) return [];
    return json.filter((r): r is BenchResult =>
      typeof r === 'object' && r !== null && typeof r.name === 'string' && typeof r.value === 'number' && typeof r.unit === 'string'
      && typeof r.target === 'number' && (r.better === 'lower' || r.better === 'higher'));
  } catch {
    return [];
  }
}
