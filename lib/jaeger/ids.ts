/** Trace and span ids: every backend's spelling (hex of any case, base64) to lower-case hex. */
const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function base64ToHex(value: string): string {
  const normal = value.replace(/-/g, '+').replace(/_/g, '/');
  const binary = typeof atob === 'function' ? atob(normal) : Buffer.from(normal, 'base64').toString('binary');
  let hex = '';
  for (let i = 0; i < binary.length; i += 1) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}

/**
 * Normalises an id. OTLP JSON ids are hex per the spec, but Tempo (and protobuf's JSON mapping of
 * `bytes`) sends base64: a string that is valid hex of the expected length is hex, otherwise base64.
 * `expectedHexLength` is 32 for trace ids and 16 for span ids.
 */
export function normalizeId(value: string, expectedHexLength: 16 | 32): string {
  const v = value.trim();
  if (HEX.test(v) && (v.length === expectedHexLength || v.length === 16 || v.length === 32)) return v.toLowerCase();
  if (BASE64.test(v) && !HEX.test(v)) return base64ToHex(v);
  if (HEX.test(v)) return v.toLowerCase();
  return v;
}

/** Trace ids compare equal whether 64- or 128-bit spelled (leading zeros). */
export function sameTraceId(a: string, b: string): boolean {
  return a.replace(/^0+/, '') === b.replace(/^0+/, '');
}

/** True when a user-supplied trace id looks like one (hex 1–32 chars or base64 of 8/16 bytes). */
export function isTraceIdParam(value: string): boolean {
  return /^[0-9a-fA-F]{1,32}$/.test(value) || /^[A-Za-z0-9+/_-]{11,22}={0,2}$/.test(value);
}
