'use client';
/**
 * Runs `fn` just after the next frame is painted (rAF fires before the paint, the timeout after
 * it), so secondary work — critical path, minimap — never delays the first rows. Returns a cancel.
 */
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
