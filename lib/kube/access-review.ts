/**
 * SubjectAccessReview: may this user read the mesh? A signed-in token must belong to someone who could
 * `list pods` across the cluster with kubectl (the built-in `view` role or meshscope-reader grants it),
 * so Meshscope never shows more than the person could already read. Needs `create` on
 * subjectaccessreviews.
 */
import { z } from 'zod';
import { createReview } from './create-review';
import type { KubeTransport } from './transport';

const WHAT = 'subjectaccessreviews.authorization.k8s.io';

/** The permission a user needs to sign in. */
export const REQUIRED_ACCESS = { verb: 'list', group: '', resource: 'pods' } as const;

const ResponseSchema = z.looseObject({
  kind: z.literal('SubjectAccessReview'),
  status: z.looseObject({ allowed: z.boolean(), denied: z.boolean().optional(), reason: z.string().optional() }),
});

export async function canReadMesh(transport: KubeTransport, user: string, groups: string[]): Promise<{ allowed: boolean; reason?: string }> {
  const review = await createReview(
    transport,
    '/apis/authorization.k8s.io/v1/subjectaccessreviews',
    { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user, groups, resourceAttributes: REQUIRED_ACCESS } },
    ResponseSchema,
    WHAT,
    'SubjectAccessReview',
  );
  return { allowed: review.status.allowed, reason: review.status.reason };
}
