/** Number formatting shared by edge labels, the side panel and the tables (plain strings, no units library). */

export function formatRps(rps: number): string {
  if (!(rps > 0)) return '0';
  if (rps < 0.01) return '<0.01';
  if (rps < 10) return rps.toFixed(2);
  if (rps < 1000) return rps.toFixed(1);
  return Math.round(rps).toString();
}

export function formatBytesPerSec(bps: number): string {
  if (!(bps > 0)) return '0 B/s';
  if (bps < 1024) return `${bps.toFixed(0)} B/s`;
  if (bps < 1024 * 1024) return `${(bps / 1024).toFixed(1)} KiB/s`;
  return `${(bps / 1024 / 1024).toFixed(1)} MiB/s`;
}

/** A 0–100 share. */
export function formatPercent(pct: number): string {
  if (!Number.isFinite(pct)) return '–';
  if (pct === 0 || pct === 100) return `${pct}%`;
  if (pct < 0.1) return '<0.1%';
  if (pct > 99.9) return '>99.9%';
  return `${pct.toFixed(1)}%`;
}

/** An error ratio 0–1 as a percentage. */
export function formatErrorRate(ratio: number): string {
  return formatPercent(ratio * 100);
}

export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
