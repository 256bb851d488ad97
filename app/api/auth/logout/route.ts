import { SESSION_COOKIE, isHttps, sessionCookieAttributes } from '@/lib/auth/session';
import { NextResponse, type NextRequest } from 'next/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Ends the session: the cookie is replaced by an expired one. */
export function POST(request: NextRequest): Response {
  const res = NextResponse.json({ signedOut: true });
  res.cookies.set(SESSION_COOKIE, '', sessionCookieAttributes(isHttps(request.url, request.headers.get('x-forwarded-proto')), 0));
  return res;
}
