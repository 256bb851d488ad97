/**
 * Rates by response code while a graph is built: small parallel arrays (a mesh edge has one to a few
 * codes). `order()` is the order an object with these keys would enumerate them in (numeric codes
 * ascending, then named ones such as "-"): sums and the API's response list follow it.
 */

/** Canonical array-index keys ("0", "200"; not "-", "007"): an object enumerates them first, ascending. */
function isIndexKey(k: string): boolean {
  if (k === '0') return true;
  const c = k.charCodeAt(0);
  if (!(c >= 49 && c <= 57) || k.length > 10) return false;
  for (let i = 1; i < k.length; i++) {
    const d = k.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return Number(k) < 4294967295;
}

/** Indices of `keys` in the order an object with those keys enumerates them. */
function enumerationOrder(keys: readonly string[]): number[] {
  const numeric: number[] = [];
  const named: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (!isIndexKey(key)) {
      named.push(i);
      continue;
    }
    // Insertion by numeric value: a handful of codes, so no sort() and its scratch arrays.
    const value = Number(key);
    let at = numeric.length;
    while (at > 0 && Number(keys[numeric[at - 1] as number]) > value) at--;
    numeric.splice(at, 0, i);
  }
  for (const i of named) numeric.push(i);
  return numeric;
}

/** The enumeration order of one key (shared, never mutated). */
const ONE: readonly number[] = [0];

export class CodeRates {
  keys: string[] = [];
  vals: number[] = [];
  private ordered: readonly number[] | undefined;

  /** The entry of `code`, created at 0 when new. */
  index(code: string): number {
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === code) return i;
    this.ordered = undefined;
    if (keys.length === 0) {
      // Literals of one: a first push() would reserve room for 16 (thousands of edges have one code).
      this.keys = [code];
      this.vals = [0];
      return 0;
    }
    keys.push(code);
    this.vals.push(0);
    return keys.length - 1;
  }

  add(code: string, rate: number): void {
    const i = this.index(code);
    this.vals[i] = (this.vals[i] as number) + rate;
  }

  /** Adds every entry of `other`, in its enumeration order. */
  addAll(other: CodeRates): void {
    const order = other.order();
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      this.add(other.keys[i] as string, other.vals[i] as number);
    }
  }

  order(): readonly number[] {
    // No closures here: they would allocate a context on every call, cached or not (see enumerationOrder).
    if (this.ordered) return this.ordered;
    return (this.ordered = this.keys.length === 1 ? ONE : enumerationOrder(this.keys));
  }

  /** Sum of the rates in enumeration order. */
  total(): number {
    const order = this.order();
    let t = 0;
    for (let k = 0; k < order.length; k++) t += this.vals[order[k] as number] as number;
    return t;
  }
}
