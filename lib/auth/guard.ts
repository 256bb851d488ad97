/**
 * Who may pass, in AUTH_MODE=token: the decision proxy.ts applies to every request (and
 * pages/api/graph.ts to itself, which the proxy skips). Pure, so it is
 * unit-tested without Next. Health probes and the sign-in endpoints stay open; every other API route
 * answers 401 without a valid session; pages redirect to /login.
 */
import { verifySession, type Session } from './session';

export type AuthMode = 'anonymous' | 'token';

export type Decision =
  | { action: 'allow'; session?: Session }
  | { action: 'unauthorized' }
  | { action: 'login'; next: string };

/** What an API route answers (401) to a request without a valid session in token mode. */
export const SIGN_IN_FIRST = 'Sign in first: this Meshscope runs with AUTH_MODE=token (POST a service-account token to /api/auth/login or open /login)';

const OPEN_PATHS = ['/login', '/api/health/live', '/api/health/ready', '/api/auth/login', '/api/auth/logout', '/api/auth/session'];

export function isOpenPath(pathname: string): boolean {
  return OPEN_PATHS.includes(pathname) || pathname.startsWith('/_next/') || pathname === '/favicon.ico';
}

export function decide(
  mode: AuthMode,
  secret: string | undefined,
  pathname: string,
  search: string,
  cookie: string | undefined,
  nowSec?: number,
): Decision {
  if (mode === 'anonymous') return { action: 'allow' };
  const session = secret ? verifySession(cookie, secret, nowSec) : null;
  if (session) return { action: 'allow', session };
  if (isOpenPath(pathname)) return { action: 'allow' };
  if (pathname === '/api' || pathname.startsWith('/api/')) return { action: 'unauthorized' };
  return { action: 'login', next: `${pathname}${search}` };
}

/** A `next` target that stays on this site (no open redirect). */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/';
  return next;
}
