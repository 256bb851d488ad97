/** Number formatting for the signals views (plain functions so tables, charts and tests agree). */

export function formatRps(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  if (v < 0.01) return '<0.01';
  return v >= 100 ? v.toFixed(0) : v.toFixed(2);
}

export function formatPct(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (v === 0) return '0%';
  if (v < 0.1) return '<0.1%';
  return `${v >= 10 ? v.toFixed(1) : v.toFixed(2)}%`;
}

export function formatMs(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ms`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  let x = v;
  let i = 0;
  while (Math.abs(x) >= 1024 && i < BYTE_UNITS.length - 1) {
    x /= 1024;
    i += 1;
  }
  return `${i === 0 ? x.toFixed(0) : x.toFixed(1)} ${BYTE_UNITS[i]}`;
}

/** A chart value in its unit. */
export function formatValue(unit: 'rps' | 'percent' | 'ms' | 'Bps' | 'cps' | 'cores' | 'bytes', v: number | null | undefined): string {
  switch (unit) {
    case 'rps': return `${formatRps(v)} req/s`;
    case 'percent': return formatPct(v);
    case 'ms': return formatMs(v);
    case 'Bps': return `${formatBytes(v)}/s`;
    case 'cps': return `${formatRps(v)}/s`;
    case 'cores': return v === null || v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(3)} cores`;
    case 'bytes': return formatBytes(v);
  }
}

/** "5 minutes", "1 hour", "90 seconds" for a window in seconds. */
export function windowWords(sec: number): string {
  const [n, unit] = sec % 3600 === 0 ? [sec / 3600, 'hour'] : sec % 60 === 0 ? [sec / 60, 'minute'] : [sec, 'second'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A compact axis tick: the number and a short unit, no "/s". */
export function formatTick(unit: 'rps' | 'percent' | 'ms' | 'Bps' | 'cps' | 'cores' | 'bytes', v: number): string {
  if (unit === 'Bps' || unit === 'bytes') return formatBytes(v).replace(/\.0 /, ' ');
  if (unit === 'percent') return `${Number(v.toFixed(1))}%`;
  if (unit === 'ms') return v >= 1000 ? `${Number((v / 1000).toFixed(1))}s` : `${Number(v.toFixed(1))}`;
  return String(Number(v.toFixed(2)));
}
