/** Wire shapes of the Kubernetes API, validated at the boundary (zod); types inferred from them. */
import { z } from 'zod';

export const ObjectMetaSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().optional(),
  resourceVersion: z.string().optional(),
  uid: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional().nullable(),
  annotations: z.record(z.string(), z.string()).optional().nullable(),
});

export const KubeObjectSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: ObjectMetaSchema,
});
export type KubeObjectWire = z.infer<typeof KubeObjectSchema>;

/** GET on a collection: `{kind: "PodList", metadata: {resourceVersion, continue}, items}`. */
export const ListSchema = z.looseObject({
  kind: z.string().optional(),
  metadata: z.looseObject({ resourceVersion: z.string().optional(), continue: z.string().optional() }),
  items: z.array(KubeObjectSchema).nullable().transform((v) => v ?? []),
});
export type KubeList = z.infer<typeof ListSchema>;

/** `kind: Status`, the API's error body (and the object of a watch ERROR event). */
export const StatusSchema = z.looseObject({
  kind: z.literal('Status'),
  status: z.string().optional(),
  message: z.string().optional(),
  reason: z.string().optional(),
  code: z.number().int().optional(),
});
export type KubeStatus = z.infer<typeof StatusSchema>;

/** One line of a watch stream. BOOKMARK objects carry only metadata.resourceVersion. */
export const WatchEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['ADDED', 'MODIFIED', 'DELETED']), object: KubeObjectSchema }),
  z.object({ type: z.literal('BOOKMARK'), object: z.looseObject({ metadata: z.looseObject({ resourceVersion: z.string() }) }) }),
  z.object({ type: z.literal('ERROR'), object: StatusSchema }),
]);
export type WatchEvent = z.infer<typeof WatchEventSchema>;

export const TokenReviewResponseSchema = z.looseObject({
  kind: z.literal('TokenReview'),
  status: z.looseObject({
    authenticated: z.boolean().optional(),
    error: z.string().optional(),
    user: z.looseObject({ username: z.string().optional(), groups: z.array(z.string()).optional() }).optional(),
  }).optional(),
});

/** Parses a body as a Status when it is one (error answers); undefined otherwise. */
export function parseStatus(body: string): KubeStatus | undefined {
  try {
    const r = StatusSchema.safeParse(JSON.parse(body));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
