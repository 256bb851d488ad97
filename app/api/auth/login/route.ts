import { z } from 'zod';
import { SESSION_COOKIE, SESSION_TTL_SEC, isHttps, sessionCookieAttributes, signSession } from '@/lib/auth/session';
import { getKubeTransport } from '@/lib/kube/server';
import { reviewToken } from '@/lib/kube/token-review';
import { getServerConfig } from '@/lib/server/config';
import { AppError, badRequest, errorResponse } from '@/lib/server/errors';
import { NextResponse, type NextRequest } from 'next/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const BodySchema = z.object({ token: z.string().trim().min(1, 'paste a token').max(16_384, 'a token is at most 16 KiB') });

/** Checks a pasted service-account token with a TokenReview and, when valid, sets the session cookie. */
export async function POST(request: NextRequest): Promise<Response> {
  try {
    const { auth } = getServerConfig();
    if (auth.mode !== 'token' || !auth.sessionSecret) throw badRequest('Sign-in is off: this Meshscope runs with AUTH_MODE=anonymous');
    const parsed = BodySchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) throw badRequest(`Body must be {"token": "..."}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const review = await reviewToken(getKubeTransport(), parsed.data.token);
    if (!review.authenticated) throw new AppError('unauthorized', `The Kubernetes API refused this token: ${review.reason}`);
    const exp = Math.floor(Date.now() / 1000) + SESSION_TTL_SEC;
    const res = NextResponse.json({ user: review.user, expiresAt: new Date(exp * 1000).toISOString() });
    const secure = isHttps(request.url, request.headers.get('x-forwarded-proto'));
    res.cookies.set(SESSION_COOKIE, signSession({ user: review.user, groups: review.groups, exp }, auth.sessionSecret), sessionCookieAttributes(secure, SESSION_TTL_SEC));
    return res;
  } catch (err) {
    return errorResponse(err);
  }
}
