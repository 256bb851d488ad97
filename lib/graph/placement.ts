/**
 * Where a node that appears during a refresh goes: next to the neighbours that already have a place
 * (right of its callers, left of what it calls), stacked below earlier newcomers at the same spot, so
 * nothing that is already on screen moves. Saved arrangements are stored per view (namespaces + graph
 * type) as id → [x, y].
 */
export interface Point { x: number; y: number }

const DX = 160;
const DY = 70;

export function placeNewNodes(
  newIds: readonly string[],
  edges: ReadonlyArray<{ source: string; target: string }>,
  known: ReadonlyMap<string, Point>,
): Map<string, Point> {
  const placed = new Map<string, Point>();
  const occupied: Point[] = [...known.values()];
  const isFree = (p: Point) => occupied.every((o) => Math.abs(o.x - p.x) > DX / 2 || Math.abs(o.y - p.y) > DY / 2);
  const pos = (id: string) => known.get(id) ?? placed.get(id);

  let maxX = -Infinity;
  let minY = Infinity;
  for (const p of known.values()) {
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
  }
  if (!Number.isFinite(maxX)) {
    maxX = 0;
    minY = 0;
  }

  // Two passes: nodes with a placed neighbour first, then nodes next to those.
  const pending = [...newIds];
  for (let round = 0; round < 3 && pending.length > 0; round++) {
    for (let i = 0; i < pending.length; i++) {
      const id = pending[i] as string;
      let sx = 0;
      let sy = 0;
      let count = 0;
      for (const e of edges) {
        if (e.target === id) {
          const p = pos(e.source);
          if (p) { sx += p.x + DX; sy += p.y; count++; }
        } else if (e.source === id) {
          const p = pos(e.target);
          if (p) { sx += p.x - DX; sy += p.y; count++; }
        }
      }
      if (count === 0 && round < 2) continue;
      let p: Point = count > 0 ? { x: sx / count, y: sy / count } : { x: maxX + DX, y: minY };
      for (let k = 0; k < 200 && !isFree(p); k++) p = { x: p.x, y: p.y + DY };
      placed.set(id, p);
      occupied.push(p);
      pending.splice(i, 1);
      i--;
    }
  }
  return placed;
}

export type SavedPositions = Record<string, [number, number]>;

const STORAGE_PREFIX = 'meshscope.graph.positions:';

export function storageKey(view: string): string {
  return `${STORAGE_PREFIX}${view}`;
}

/** Parses a stored arrangement, dropping anything that is not id → [finite x, finite y]. */
export function parseSavedPositions(raw: string | null): Map<string, Point> {
  const out = new Map<string, Point>();
  if (!raw) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return out;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return out;
  for (const [id, v] of Object.entries(parsed)) {
    if (Array.isArray(v) && v.length === 2 && Number.isFinite(v[0]) && Number.isFinite(v[1])) out.set(id, { x: v[0] as number, y: v[1] as number });
  }
  return out;
}

export function serializePositions(positions: ReadonlyMap<string, Point>): string {
  const out: SavedPositions = {};
  for (const [id, p] of positions) out[id] = [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10];
  return JSON.stringify(out);
}
