/**
 * POSTs a review object (TokenReview, SubjectAccessReview, …) to the API server and validates the
 * answer with its schema. Unreachable → kubeUnreachable, non-2xx → kubeStatusError, bad body →
 * kubeBadResponse, each naming the resource and the `create` verb.
 */
import type { z } from 'zod';
import { kubeBadResponse, kubeStatusError, kubeUnreachable } from './errors';
import type { KubeTransport } from './transport';

export async function createReview<S extends z.ZodType>(
  transport: KubeTransport,
  path: string,
  body: unknown,
  schema: S,
  what: string,
  kind: string,
): Promise<z.infer<S>> {
  let res;
  try {
    res = await transport.request(path, { method: 'POST', body, timeoutMs: 10_000 });
  } catch (err) {
    throw kubeUnreachable('create', what, transport.server, err);
  }
  if (res.status !== 200 && res.status !== 201) throw kubeStatusError('create', what, transport.server, res.status, res.body);
  let parsed;
  try {
    parsed = schema.safeParse(JSON.parse(res.body));
  } catch {
    throw kubeBadResponse('create', what, 'not JSON');
  }
  if (!parsed.success) throw kubeBadResponse('create', what, parsed.error.issues[0]?.message ?? `not a ${kind}`);
  return parsed.data;
}
