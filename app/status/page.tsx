import { ConnectionsView } from './connections-view';
import './status.css';

export const dynamic = 'force-dynamic';

export default function StatusPage() {
  return (
    <main className="page">
      <h1>Connections</h1>
      <p className="muted">Every backend Meshscope reads, probed from the server: the address used, whether it answers and how fast.</p>
      <ConnectionsView />
    </main>
  );
}
