/** The /api/signals handlers reject bad input with 400 and a message before any backend is asked. */
import { describe, expect, it } from 'vitest';
import { GET as detail } from '@/app/api/signals/[kind]/[namespace]/[name]/route';
import { GET as list } from '@/app/api/signals/[kind]/route';
import { GET as overview } from '@/app/api/signals/overview/route';

const req = (path: string) => new Request(`http://localhost${path}`);
const params = <T,>(p: T) => ({ params: Promise.resolve(p) });

async function expect400(res: Response, message: RegExp): Promise<void> {
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: string; code: string };
  expect(body.code).toBe('bad_request');
  expect(body.error).toMatch(message);
}

describe('/api/signals input validation', () => {
  it('list: unknown kind, missing or invalid namespaces, bad duration', async () => {
    await expect400(await list(req('/api/signals/pods?namespaces=default'), params({ kind: 'pods' })), /unknown kind "pods"/);
    await expect400(await list(req('/api/signals/services'), params({ kind: 'services' })), /namespaces is required/);
    await expect400(await list(req('/api/signals/services?namespaces=default,Bad_NS'), params({ kind: 'services' })), /invalid namespace "Bad_NS"/);
    await expect400(await list(req('/api/signals/services?namespaces=default&duration=7h'), params({ kind: 'services' })), /between 1s and 6h/);
  });

  it('detail: names must be Kubernetes names; a service has no outbound tab', async () => {
    const p = (namespace: string, name: string, kind = 'services') => params({ kind, namespace, name });
    await expect400(await detail(req('/api/signals/services/default/x'), p('default', 'x"} or vector(1)')), /invalid service/);
    await expect400(await detail(req('/api/signals/workloads/NS/x'), p('NS', 'x', 'workloads')), /invalid namespace "NS"/);
    await expect400(await detail(req('/api/signals/services/default/reviews?direction=outbound'), p('default', 'reviews')), /only inbound/);
    await expect400(await detail(req('/api/signals/apps/default/reviews?reporter=both'), p('default', 'reviews', 'apps')), /invalid reporter/);
  });

  it('overview: bad duration', async () => {
    await expect400(await overview(req('/api/signals/overview?duration=soon')), /invalid duration/);
  });
});
