import { ConfigListView } from '@/components/config/config-list-view';
import { ValidateBox } from '@/components/config/validate-box';

export const dynamic = 'force-dynamic';

export default function ConfigPage() {
  return (
    <main className="page">
      <h1>Istio Config</h1>
      <p className="muted">Every Istio object of the mesh with its validation state: broken references, conflicts and schema errors (istioctl analyze and Kiali codes).</p>
      <ConfigListView />
      <section className="config-section">
        <h2>Validate YAML before applying it</h2>
        <ValidateBox />
      </section>
    </main>
  );
}
