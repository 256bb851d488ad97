/**
 * TokenReview: asks the API server whether a pasted token is valid and whose it is
 * (POST /apis/authentication.k8s.io/v1/tokenreviews, needs `create` on tokenreviews).
 */
import { kubeBadResponse, kubeStatusError, kubeUnreachable } from './errors';
import { TokenReviewResponseSchema } from './schemas';
import type { KubeTransport } from './transport';

export type TokenReviewResult =
  | { authenticated: true; user: string; groups: string[] }
  | { authenticated: false; reason: string };

const WHAT = 'tokenreviews.authentication.k8s.io';

export async function reviewToken(transport: KubeTransport, token: string): Promise<TokenReviewResult> {
  let res;
  try {
    res = await transport.request('/apis/authentication.k8s.io/v1/tokenreviews', {
      method: 'POST',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } },
      timeoutMs: 10_000,
    });
  } catch (err) {
    throw kubeUnreachable('create', WHAT, transport.server, err);
  }
  if (res.status !== 200 && res.status !== 201) throw kubeStatusError('create', WHAT, transport.server, res.status, res.body);
  let parsed;
  try {
    parsed = TokenReviewResponseSchema.safeParse(JSON.parse(res.body));
  } catch {
    throw kubeBadResponse('create', WHAT, 'not JSON');
  }
  if (!parsed.success) throw kubeBadResponse('create', WHAT, parsed.error.issues[0]?.message ?? 'not a TokenReview');
  const st = parsed.data.status;
  if (st?.authenticated && st.user?.username) return { authenticated: true, user: st.user.username, groups: st.user.groups ?? [] };
  return { authenticated: false, reason: st?.error || 'the API server did not authenticate this token' };
}
