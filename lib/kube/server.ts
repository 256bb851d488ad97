/** The server's Kubernetes transport (for TokenReview and the connections page), built once. */
import { getConfigSource } from '@/lib/server/backends';
import { getServerConfig } from '@/lib/server/config';
import { AppError } from '@/lib/server/errors';
import { loadCredentials } from './kubeconfig';
import { createKubeTransport, type KubeTransport } from './transport';

const g = globalThis as typeof globalThis & { __meshscopeKubeTransport?: KubeTransport };

/** The config source's transport when it is the Kubernetes API, else one from kubeconfig / in-cluster. */
export function getKubeTransport(): KubeTransport {
  if (g.__meshscopeKubeTransport) return g.__meshscopeKubeTransport;
  const source = getConfigSource() as { transport?: KubeTransport } | null;
  if (source?.transport) return (g.__meshscopeKubeTransport = source.transport);
  const setting = getServerConfig().configSource;
  try {
    g.__meshscopeKubeTransport = createKubeTransport(loadCredentials(setting.kind === 'kubernetes' ? setting.kubeconfig : undefined));
  } catch (err) {
    throw new AppError('backend_unavailable', `Kubernetes API not configured: ${err instanceof Error ? err.message : String(err)}`, { backend: 'kubernetes', cause: err });
  }
  return g.__meshscopeKubeTransport;
}
