import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/server/errors';
import { createKubernetesConfigSource, type KubernetesConfigSource } from './config-source';
import { startFakeApiServer, type FakeApiServer } from './fake-api-server';
import { KUBE_RESOURCES, collectionPath } from './resources';

const testdata = (f: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, 'testdata', f), 'utf8'));
const SVC = '/api/v1/services';
const VS = '/apis/networking.istio.io/v1/virtualservices';
const PODS = '/api/v1/pods';

let api: FakeApiServer;
let source: KubernetesConfigSource;
let kubeconfig: string;

async function eventually(check: () => Promise<void> | void, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const names = async (kind: string) =>
  (await source.snapshot()).objects.filter((o) => o.object.kind === kind).map((o) => `${o.object.metadata.namespace}/${o.object.metadata.name}`);
const lists = (p: string) => api.requests.filter((r) => r.startsWith(`GET ${p}?limit=`)).length;
const watches = (p: string) => api.requests.filter((r) => r.startsWith(`GET ${p}?watch=1`));

beforeEach(async () => {
  api = await startFakeApiServer();
  for (const r of KUBE_RESOURCES) {
    if (r.group === 'security.istio.io') continue; // security CRDs: not installed, except PeerAuthentication at v1beta1
    api.addCollection(collectionPath(r, r.versions[0]!), r.group ? `${r.group}/${r.versions[0]}` : r.versions[0]!, r.kind);
  }
  api.addCollection('/apis/security.istio.io/v1beta1/peerauthentications', 'security.istio.io/v1beta1', 'PeerAuthentication', [
    { metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } },
  ]);
  api.addCollection(SVC, 'v1', 'Service', testdata('service-list.json').items);
  api.addCollection(VS, 'networking.istio.io/v1', 'VirtualService', testdata('virtualservice-list.json').items);
  kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'meshscope-kube-')), 'config');
  api.writeKubeconfig(kubeconfig);
  source = createKubernetesConfigSource({ kubeconfig, informer: { backoffMs: 20, maxBackoffMs: 100, watchTimeoutSec: 60 } });
});

afterEach(async () => {
  source.close();
  await api.close();
});

describe('Kubernetes config source', () => {
  it('lists every resource once and serves snapshots from memory', async () => {
    const snap = await source.snapshot();
    expect(await names('Service')).toEqual(['default/details', 'default/reviews']);
    const details = snap.objects.find((o) => o.object.metadata.name === 'details')!.object;
    expect(details.apiVersion).toBe('v1'); // core list items carry no kind/apiVersion on the wire
    expect(details.kind).toBe('Service');
    expect(details.metadata.managedFields).toBeUndefined();
    expect(details.metadata.annotations).toEqual({});
    expect(await names('VirtualService')).toEqual(['default/reviews']);
    // PeerAuthentication is served only at v1beta1; the other security CRDs are not installed (404).
    expect(await names('PeerAuthentication')).toEqual(['istio-system/default']);
    expect(snap.errors).toEqual([]);
    expect(snap.origin).toBe(`Kubernetes API ${api.url}`);
    const before = api.requests.length;
    for (let i = 0; i < 20; i += 1) expect(await source.snapshot()).toBe(snap); // same object, no API call
    expect(api.requests.slice(before).filter((r) => !r.includes('watch=1'))).toEqual([]);
    expect(lists(SVC)).toBe(1);
  });

  it('applies ADDED, MODIFIED and DELETED watch events', async () => {
    const first = await source.snapshot();
    await eventually(() => expect(watches(VS).length).toBe(1));
    api.upsert(VS, { metadata: { name: 'ratings', namespace: 'default' }, spec: { hosts: ['ratings'] } });
    api.upsert(VS, { metadata: { name: 'reviews', namespace: 'default' }, spec: { hosts: ['reviews'], http: [] } });
    api.remove(SVC, 'default', 'details');
    await eventually(async () => {
      expect(await names('VirtualService')).toEqual(['default/ratings', 'default/reviews']);
      expect(await names('Service')).toEqual(['default/reviews']);
    });
    const snap = await source.snapshot();
    expect(snap).not.toBe(first);
    expect((snap.objects.find((o) => o.object.metadata.name === 'reviews' && o.object.kind === 'VirtualService')!.object.spec as { http: unknown[] }).http).toEqual([]);
    expect(lists(VS)).toBe(1);
  });

  it('resumes a closed watch from the last resourceVersion without losing changes made meanwhile', async () => {
    await source.snapshot();
    await eventually(() => expect(watches(SVC).length).toBe(1));
    api.upsert(SVC, { metadata: { name: 'ratings', namespace: 'default' }, spec: { ports: [{ port: 9080 }] } });
    await eventually(async () => expect(await names('Service')).toContain('default/ratings'));
    const seenRv = source.states().find((s) => s.resource === 'services')!.resourceVersion;
    api.closeWatches();
    api.upsert(SVC, { metadata: { name: 'productpage', namespace: 'default' }, spec: { ports: [{ port: 9080 }] } });
    await eventually(async () => expect(await names('Service')).toEqual(['default/details', 'default/productpage', 'default/ratings', 'default/reviews']));
    expect(watches(SVC).length).toBe(2);
    expect(watches(SVC)[1]).toContain(`resourceVersion=${seenRv}`);
    expect(lists(SVC)).toBe(1); // resumed, not relisted
  });

  it('a BOOKMARK moves the resourceVersion the next watch resumes from', async () => {
    await source.snapshot();
    await eventually(() => expect(watches(PODS).length).toBe(1));
    const podsRv = () => source.states().find((s) => s.resource === 'pods')!.resourceVersion;
    // seeded: 1 PeerAuthentication + 2 Services + 1 VirtualService stamped 1001..1004; the pod list says 1004
    expect(podsRv()).toBe('1004');
    api.upsert(SVC, { metadata: { name: 'x', namespace: 'other' } }); // 1005, an event on another collection
    await eventually(async () => expect(await names('Service')).toContain('other/x'));
    expect(podsRv()).toBe('1004');
    api.bookmark(PODS);
    await eventually(() => expect(podsRv()).toBe('1005'));
    api.closeWatches();
    await eventually(() => expect(watches(PODS).length).toBe(2));
    expect(watches(PODS)[1]).toContain('resourceVersion=1005');
  });

  it('abandons a watch that stays silent (dead connection) and resumes it', async () => {
    source.close();
    source = createKubernetesConfigSource({ kubeconfig, informer: { backoffMs: 20, watchTimeoutSec: 60, watchIdleTimeoutMs: 300 } });
    await source.snapshot();
    await eventually(() => expect(watches(SVC).length).toBeGreaterThanOrEqual(2), 3000);
    api.upsert(SVC, { metadata: { name: 'late', namespace: 'default' } });
    await eventually(async () => expect(await names('Service')).toContain('default/late'));
    expect(lists(SVC)).toBe(1);
  });

  it('relists after 410 Gone and keeps the objects that still exist', async () => {
    await source.snapshot();
    await eventually(() => expect(watches(SVC).length).toBe(1));
    api.closeWatches();
    api.remove(SVC, 'default', 'reviews');
    api.compact(); // the watch resume now gets ERROR 410 Expired
    await eventually(async () => expect(await names('Service')).toEqual(['default/details']));
    expect(lists(SVC)).toBe(2);
    expect(source.states().find((s) => s.resource === 'services')!.error).toBeUndefined();
  });

  it('reports a 403 from RBAC naming the verb and the resource', async () => {
    api.fail(PODS, 403);
    const err = await source.snapshot().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.backend).toBe('kubernetes');
    expect(e.upstreamStatus).toBe(403);
    expect(e.message).toContain('forbids list on pods (403 Forbidden');
    expect(e.message).toContain('cannot list resource "pods"');
    // once RBAC is fixed the background retry syncs and the next snapshot succeeds
    api.fail(PODS, undefined);
    await eventually(async () => expect((await source.snapshot()).objects.length).toBeGreaterThan(0));
  });

  it('says the API is unreachable when nothing listens', async () => {
    await api.close();
    const err = (await source.snapshot().catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('backend_unavailable');
    expect(err.backend).toBe('kubernetes');
    expect(err.message).toMatch(/^Kubernetes API http:\/\/127\.0\.0\.1:\d+ is unreachable \(list namespaces\)/);
    api = await startFakeApiServer(); // for afterEach
  });

  it('refuses a kubeconfig that cannot be read with a clear error', () => {
    expect(() => createKubernetesConfigSource({ kubeconfig: '/nonexistent/kubeconfig' })).toThrow(/Kubernetes configuration cannot be loaded from \/nonexistent\/kubeconfig/);
  });
});
