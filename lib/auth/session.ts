/**
 * The signed session cookie of AUTH_MODE=token: `<base64url JSON payload>.<base64url HMAC-SHA256>`.
 * It holds who signed in and until when — never the pasted token. Verification is constant-time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const SESSION_COOKIE = 'meshscope_session';
/** How long a sign-in lasts. */
export const SESSION_TTL_SEC = 8 * 3600;

const SessionSchema = z.object({
  /** Kubernetes user name from the TokenReview, e.g. system:serviceaccount:default:viewer. */
  user: z.string().min(1),
  groups: z.array(z.string()).default([]),
  /** Expiry, Unix seconds. */
  exp: z.number().int(),
});
export type Session = z.infer<typeof SessionSchema>;

function mac(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function signSession(session: Session, secret: string): string {
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${payload}.${mac(payload, secret).toString('base64url')}`;
}

/** The session a cookie value carries, or null when it is missing, forged, malformed or expired. */
export function verifySession(value: string | undefined, secret: string, nowSec = Math.floor(Date.now() / 1000)): Session | null {
  if (!value || value.length > 8192) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), 'base64url');
  const expected = mac(payload, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed;
  try {
    parsed = SessionSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
  if (!parsed.success || parsed.data.exp <= nowSec) return null;
  return parsed.data;
}

/** The Set-Cookie attributes: HttpOnly, SameSite=Strict, Secure when the request came over HTTPS. */
export function sessionCookieAttributes(secure: boolean, maxAgeSec: number) {
  return { httpOnly: true, sameSite: 'strict' as const, secure, path: '/', maxAge: maxAgeSec };
}

/** Whether the browser reached us over HTTPS (directly or through a TLS-terminating proxy). */
export function isHttps(url: string, forwardedProto: string | null): boolean {
  return url.startsWith('https:') || forwardedProto?.split(',')[0]?.trim() === 'https';
}
