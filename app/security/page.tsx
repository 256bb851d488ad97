import { SecurityView } from '@/components/security/security-view';

export const dynamic = 'force-dynamic';

export default function SecurityPage() {
  return (
    <main className="page">
      <h1>Security</h1>
      <p className="muted">Effective mutual TLS from PeerAuthentications and DestinationRules, what the destination sidecars reported, and where the two disagree.</p>
      <SecurityView />
    </main>
  );
}
