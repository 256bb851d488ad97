/**
 * TokenReview: asks the API server whether a pasted token is valid and whose it is
 * (POST /apis/authentication.k8s.io/v1/tokenreviews, needs `create` on tokenreviews).
 */
import { createReview } from './create-review';
import { TokenReviewResponseSchema } from './schemas';
import type { KubeTransport } from './transport';

export type TokenReviewResult =
  | { authenticated: true; user: string; groups: string[] }
  | { authenticated: false; reason: string };

const WHAT = 'tokenreviews.authentication.k8s.io';

export async function reviewToken(transport: KubeTransport, token: string): Promise<TokenReviewResult> {
  const review = await createReview(
    transport,
    '/apis/authentication.k8s.io/v1/tokenreviews',
    { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } },
    TokenReviewResponseSchema,
    WHAT,
    'TokenReview',
  );
  const st = review.status;
  if (st?.authenticated && st.user?.username) return { authenticated: true, user: st.user.username, groups: st.user.groups ?? [] };
  return { authenticated: false, reason: st?.error || 'the API server did not authenticate this token' };
}
