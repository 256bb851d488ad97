/**
 * Server-side use cases of the /config pages (the route handlers stay thin): the list, one object, and
 * validating pasted YAML against the current config. Nothing here writes anywhere.
 */
import { z } from 'zod';
import { AppError, badRequest, notFound } from '../server/errors';
import { configDetail, listConfig, type ConfigDetail, type ConfigList } from './config-view';
import { validateProposed } from './overlay';
import { getValidation } from './server-validation';
import { isIstioKind } from './types';
import type { Finding } from './validate';
import { parseConfigText } from './yaml-loader';

const NO_SOURCE = 'No Istio config source is configured: set CONFIG_DIR (a directory of YAML) or CONFIG_SOURCE=kubernetes';
const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

async function requireValidation() {
  const v = await getValidation();
  if (!v) throw new AppError('backend_unavailable', NO_SOURCE, { backend: 'config' });
  return v;
}

export async function getConfigList(): Promise<ConfigList> {
  const v = await requireValidation();
  return listConfig(v.snapshot, v.findings);
}

export async function getConfigDetail(kind: string, namespace: string, name: string): Promise<ConfigDetail> {
  if (!isIstioKind(kind)) throw badRequest(`"${kind}" is not an Istio kind Meshscope validates`);
  if (!K8S_NAME.test(namespace) || !K8S_NAME.test(name)) throw badRequest('namespace and name must be Kubernetes names');
  const v = await requireValidation();
  const d = configDetail(v.snapshot, v.findings, kind, namespace, name);
  if (!d) throw notFound(`${kind} ${namespace}/${name} is not in the current config (${v.snapshot.origin})`);
  return d;
}

export const MAX_PROPOSED_BYTES = 4 * 1024 * 1024;
export const ValidateRequestSchema = z.strictObject({
  yaml: z.string().max(MAX_PROPOSED_BYTES, `at most ${MAX_PROPOSED_BYTES / 1048576} MiB of YAML`),
  /** Namespace of objects without metadata.namespace (as kubectl apply -n). */
  namespace: z.string().regex(K8S_NAME, 'namespace must be a Kubernetes name').optional(),
  /** File name shown in findings. */
  fileName: z.string().max(200).optional(),
});

export interface ValidateResponse {
  findings: Finding[];
  objects: Array<{ kind: string; namespace: string; name: string }>;
  /** Against what the YAML was checked: the current config's origin, or a note that it was unavailable. */
  against: string;
  warning?: string;
}

export async function validatePastedYaml(body: unknown): Promise<ValidateResponse> {
  const parsed = ValidateRequestSchema.safeParse(body);
  if (!parsed.success) throw badRequest(`Bad request body: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  const { yaml, namespace, fileName } = parsed.data;
  if (yaml.trim() === '') throw badRequest('The YAML is empty');
  const proposed = parseConfigText(yaml, fileName ?? 'pasted.yaml', { defaultNamespace: namespace ?? 'default' });
  let current = null;
  let warning: string | undefined;
  try {
    current = (await getValidation())?.snapshot ?? null;
    if (!current) warning = `${NO_SOURCE}; the YAML was checked on its own`;
  } catch (err) {
    warning = `The current config could not be read (${err instanceof Error ? err.message : String(err)}); the YAML was checked on its own`;
  }
  const { findings } = validateProposed(current, proposed);
  return {
    findings,
    objects: proposed.objects.map((o) => ({ kind: o.object.kind, namespace: o.object.metadata.namespace ?? '', name: o.object.metadata.name })),
    against: current ? current.origin : 'nothing (checked on its own)',
    ...(warning ? { warning } : {}),
  };
}
