import { z } from 'zod';
import { SESSION_COOKIE, SESSION_TTL_SEC, isHttps, sessionCookieAttributes, signSession } from '@/lib/auth/session';
import { getKubeTransport } from '@/lib/kube/server';
import { canReadMesh } from '@/lib/kube/access-review';
import { reviewToken } from '@/lib/kube/token-review';
import { getServerConfig } from '@/lib/server/config';
import { AppError, badRequest, errorResponse } from '@/lib/server/errors';
import { NextResponse, type NextRequest } from 'next/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const BodySchema = z.object({ token: z.string().trim().min(1, 'paste a token').max(16_384, 'a token is at most 16 KiB') });

/**
 * Checks a pasted service-account token with a TokenReview (is it valid, whose is it) and a
 * SubjectAccessReview (may that user list pods cluster-wide), then sets the session cookie.
 */
export async function POST(request: NextRequest): Promise<Response> {
  try {
    const { auth } = getServerConfig();
    if (auth.mode !== 'token' || !auth.sessionSecret) throw badRequest('Sign-in is off: this Meshscope runs with AUTH_MODE=anonymous');
    const parsed = BodySchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) throw badRequest(`Body must be {"token": "..."}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const transport = getKubeTransport();
    const review = await reviewToken(transport, parsed.data.token);
    if (!review.authenticated) throw new AppError('unauthorized', `The Kubernetes API refused this token: ${review.reason}`);
    const access = await canReadMesh(transport, review.user, review.groups);
    if (!access.allowed) {
      throw new AppError('unauthorized', `${review.user} may not list pods across the cluster, so Meshscope will not show it the mesh (bind it to the ClusterRole view or meshscope-reader)`);
    }
    const exp = Math.floor(Date.now() / 1000) + SESSION_TTL_SEC;
    const res = NextResponse.json({ user: review.user, expiresAt: new Date(exp * 1000).toISOString() });
    const secure = isHttps(request.url, request.headers.get('x-forwarded-proto'));
    res.cookies.set(SESSION_COOKIE, signSession({ user: review.user, groups: review.groups, exp }, auth.sessionSecret), sessionCookieAttributes(secure, SESSION_TTL_SEC));
    return res;
  } catch (err) {
    return errorResponse(err);
  }
}
