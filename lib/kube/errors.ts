/** Kubernetes API failures as AppErrors that name the resource and the verb, so RBAC gaps are obvious. */
import { AppError } from '@/lib/server/errors';
import { parseStatus } from './schemas';

const BODY_PREVIEW = 300;

/** The API answered with a non-2xx status. */
export function kubeStatusError(verb: string, what: string, server: string, status: number, body: string): AppError {
  const st = parseStatus(body);
  const detail = st?.message ?? body.slice(0, BODY_PREVIEW);
  const details = { backend: 'kubernetes' as const, upstreamStatus: status, upstreamBody: body.slice(0, BODY_PREVIEW) };
  if (status === 401) {
    return new AppError('backend_error', `Kubernetes API ${server} rejected Meshscope's credentials (401) to ${verb} ${what}: ${detail}`, details);
  }
  if (status === 403) {
    return new AppError(
      'backend_error',
      `Kubernetes API forbids ${verb} on ${what} (403 Forbidden, check the ClusterRole in deploy/kubernetes): ${detail}`,
      details,
    );
  }
  return new AppError('backend_error', `Kubernetes API ${server} answered ${status} to ${verb} ${what}: ${detail}`, details);
}

/** The API could not be reached at all. */
export function kubeUnreachable(verb: string, what: string, server: string, err: unknown): AppError {
  const msg = err instanceof Error ? err.message : String(err);
  return new AppError('backend_unavailable', `Kubernetes API ${server} is unreachable (${verb} ${what}): ${msg}`, {
    backend: 'kubernetes',
    cause: err,
  });
}

/** The API answered 2xx with a body that is not what the API documents. */
export function kubeBadResponse(verb: string, what: string, detail: string): AppError {
  return new AppError('backend_bad_response', `Kubernetes API gave an unexpected answer to ${verb} ${what}: ${detail}`, { backend: 'kubernetes' });
}
