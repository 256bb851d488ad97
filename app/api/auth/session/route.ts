import { SESSION_COOKIE, verifySession } from '@/lib/auth/session';
import { getServerConfig } from '@/lib/server/config';
import type { NextRequest } from 'next/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The sign-in mode and, in token mode, who is signed in (null when nobody): for the header and /login. */
export function GET(request: NextRequest): Response {
  const { auth } = getServerConfig();
  const session = auth.mode === 'token' && auth.sessionSecret ? verifySession(request.cookies.get(SESSION_COOKIE)?.value, auth.sessionSecret) : null;
  return Response.json({ mode: auth.mode, user: session?.user ?? null, expiresAt: session ? new Date(session.exp * 1000).toISOString() : null });
}
