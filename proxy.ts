/**
 * Next 16 proxy (formerly middleware; always the Node.js runtime). In AUTH_MODE=token every API
 * route answers 401 and every page redirects to /login without a valid signed session cookie; the
 * health probes and the sign-in endpoints stay open. Anonymous mode (the default) lets all through.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { decide } from '@/lib/auth/guard';
import { SESSION_COOKIE } from '@/lib/auth/session';
import { getServerConfig } from '@/lib/server/config';

export function proxy(request: NextRequest): Response {
  const { auth } = getServerConfig();
  const { pathname, search } = request.nextUrl;
  const d = decide(auth.mode, auth.sessionSecret, pathname, search, request.cookies.get(SESSION_COOKIE)?.value);
  if (d.action === 'allow') return NextResponse.next();
  if (d.action === 'unauthorized') {
    return Response.json(
      { error: 'Sign in first: this Meshscope runs with AUTH_MODE=token (POST a service-account token to /api/auth/login or open /login)', code: 'unauthorized' },
      { status: 401 },
    );
  }
  const login = new URL('/login', request.url);
  login.searchParams.set('next', d.next);
  return NextResponse.redirect(login, 307);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|meshscope.svg).*)'],
};
