'use client';
import { IntentLink } from '@/components/ui/intent-link';
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/components/ui/fetch-json';
import { useGlobalParams } from '@/components/ui/use-global-params';
import { MESH_STATUS_LABEL } from '@/lib/security/labels';
import type { MeshSecurity } from '@/lib/security/report';
import { withGlobalParams } from '@/lib/url-state';
import { LockIcon } from './lock-icon';
import './security.css';

/** The mesh-wide mTLS status in the header (from the configuration); links to /security. */
export function MtlsStatus() {
  const [params] = useGlobalParams();
  // Config-only and cheap; a minute is plenty for a policy that changes by hand.
  const { data } = useQuery({
    queryKey: ['security-status'],
    queryFn: () => fetchJson<MeshSecurity & { configured: boolean }>('/api/security/status'),
    refetchInterval: 30_000,
  });
  if (!data || !data.configured) return null;
  return (
    <IntentLink href={withGlobalParams('/security', params)} className={`mtls-status mtls-status--${data.status}`} data-testid="header-mtls" title={`Mesh-wide PeerAuthentication: ${data.meshPolicy ?? 'none'} (${data.meshMode})`}>
      <LockIcon open={data.status === 'disabled'} /> {MESH_STATUS_LABEL[data.status]}
    </IntentLink>
  );
}
