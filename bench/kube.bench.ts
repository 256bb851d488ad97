/**
 * Kubernetes source benchmarks (issue 8), against the local fake API server (real wire format):
 *   kube_list_5000_pods_ms      first snapshot: paged lists of every resource, 5,000 pods (target < 2000 ms)
 *   kube_snapshot_cached_us     a page view once synced and nothing changed: same object, no API call (target < 50 µs)
 *   kube_snapshot_rebuild_ms    the first snapshot after one watch event, 5,000 pods (target < 25 ms)
 *   kube_watch_events_per_s     MODIFIED events applied from one watch stream (target > 2000 /s)
 */
import { createKubernetesConfigSource, type KubernetesConfigSource } from '../lib/kube/config-source';
import { startFakeApiServer, type FakeApiServer } from '../lib/kube/fake-api-server';
import { KUBE_RESOURCES, collectionPath } from '../lib/kube/resources';
import type { Benchmark } from './types';

const PODS = '/api/v1/pods';

function pod(i: number) {
  const app = `app-${i % 50}`;
  return {
    metadata: { name: `${app}-v1-${i}`, namespace: `team-${i % 20}`, labels: { app, version: 'v1', 'security.istio.io/tlsMode': 'istio' }, annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } },
    spec: { serviceAccountName: app, nodeName: `node-${i % 7}`, containers: [{ name: app, image: `example/${app}:1.0`, ports: [{ containerPort: 9080 }] }, { name: 'istio-proxy', image: 'istio/proxyv2:1.28.0' }] },
    status: { phase: 'Running', podIP: `10.0.${Math.floor(i / 250)}.${i % 250}` },
  };
}

async function setup(pods: number): Promise<{ api: FakeApiServer; source: KubernetesConfigSource }> {
  const api = await startFakeApiServer();
  for (const r of KUBE_RESOURCES) if (!r.optional) api.addCollection(collectionPath(r, 'v1'), r.group ? `${r.group}/v1` : 'v1', r.kind);
  const items = Array.from({ length: pods }, (_, i) => pod(i));
  api.addCollection(PODS, 'v1', 'Pod', items);
  const source = createKubernetesConfigSource({ credentials: { server: api.url, token: () => api.token, origin: 'bench' } });
  return { api, source };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'kube_list_5000_pods_ms', unit: 'ms', target: 2000, better: 'lower',
    async run() {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const { api, source } = await setup(5000);
        const t = performance.now();
        const snap = await source.snapshot();
        times.push(performance.now() - t);
        if (snap.objects.length !== 5000) throw new Error(`expected 5000 objects, got ${snap.objects.length}`);
        source.close();
        await api.close();
      }
      return median(times);
    },
  },
  {
    name: 'kube_snapshot_cached_us', unit: 'µs', target: 50, better: 'lower',
    async run() {
      const { api, source } = await setup(5000);
      const first = await source.snapshot();
      const n = 20_000;
      const t = performance.now();
      for (let i = 0; i < n; i++) if ((await source.snapshot()) !== first) throw new Error('snapshot changed');
      const us = ((performance.now() - t) * 1000) / n;
      source.close();
      await api.close();
      return us;
    },
  },
  {
    name: 'kube_snapshot_rebuild_ms', unit: 'ms', target: 25, better: 'lower',
    async run() {
      const { api, source } = await setup(5000);
      let prev = await source.snapshot();
      await until(() => source.states().every((s) => s.notInstalled || s.watches >= 1));
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        api.upsert(PODS, pod(i));
        await until(() => source.states().find((s) => s.resource === 'pods')!.resourceVersion === String(1000 + 5000 + i + 1));
        const t = performance.now();
        const next = await source.snapshot();
        times.push(performance.now() - t);
        if (next === prev) throw new Error('snapshot did not change');
        prev = next;
      }
      source.close();
      await api.close();
      return median(times);
    },
  },
  {
    name: 'kube_watch_events_per_s', unit: 'events/s', target: 2000, better: 'higher',
    async run() {
      const { api, source } = await setup(1000);
      await source.snapshot();
      await until(() => source.states().every((s) => s.notInstalled || s.watches >= 1));
      const n = 5000;
      const t = performance.now();
      for (let i = 0; i < n; i++) api.upsert(PODS, pod(i % 1000));
      const last = String(1000 + 1000 + n);
      await until(() => source.states().find((s) => s.resource === 'pods')!.resourceVersion === last);
      const rate = n / ((performance.now() - t) / 1000);
      source.close();
      await api.close();
      return rate;
    },
  },
];
