/**
 * SubjectAccessReview: may this user read the mesh? A signed-in token must belong to someone who could
 * `list pods` across the cluster with kubectl (the built-in `view` role or meshscope-reader grants it),
 * so Meshscope never shows more than the person could already read. Needs `create` on
 * subjectaccessreviews.
 */
import { z } from 'zod';
import { kubeBadResponse, kubeStatusError, kubeUnreachable } from './errors';
import type { KubeTransport } from './transport';

const WHAT = 'subjectaccessreviews.authorization.k8s.io';

/** The permission a user needs to sign in. */
export const REQUIRED_ACCESS = { verb: 'list', group: '', resource: 'pods' } as const;

const ResponseSchema = z.looseObject({
  kind: z.literal('SubjectAccessReview'),
  status: z.looseObject({ allowed: z.boolean(), denied: z.boolean().optional(), reason: z.string().optional() }),
});

export async function canReadMesh(transport: KubeTransport, user: string, groups: string[]): Promise<{ allowed: boolean; reason?: string }> {
  let res;
  try {
    res = await transport.request('/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      method: 'POST',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user, groups, resourceAttributes: REQUIRED_ACCESS } },
      timeoutMs: 10_000,
    });
  } catch (err) {
    throw kubeUnreachable('create', WHAT, transport.server, err);
  }
  if (res.status !== 200 && res.status !== 201) throw kubeStatusError('create', WHAT, transport.server, res.status, res.body);
  let parsed;
  try {
    parsed = ResponseSchema.safeParse(JSON.parse(res.body));
  } catch {
    throw kubeBadResponse('create', WHAT, 'not JSON');
  }
  if (!parsed.success) throw kubeBadResponse('create', WHAT, parsed.error.issues[0]?.message ?? 'not a SubjectAccessReview');
  return { allowed: parsed.data.status.allowed, reason: parsed.data.status.reason };
}
