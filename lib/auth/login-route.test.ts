import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '@/app/api/auth/login/route';
import { POST as logout } from '@/app/api/auth/logout/route';
import { GET as session } from '@/app/api/auth/session/route';
import { startFakeApiServer, type FakeApiServer } from '@/lib/kube/fake-api-server';
import { SESSION_COOKIE, verifySession } from './session';

const SECRET = 'k'.repeat(48);
const g = globalThis as { __meshscopeConfig?: unknown; __meshscopeKubeTransport?: unknown; __meshscopeConfigSource?: unknown };
let api: FakeApiServer;
const saved = { ...process.env };

beforeAll(async () => {
  api = await startFakeApiServer();
  api.users.set('good', 'system:serviceaccount:default:viewer');
  const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'meshscope-login-')), 'config');
  api.writeKubeconfig(kubeconfig);
  Object.assign(process.env, { AUTH_MODE: 'token', SESSION_SECRET: SECRET, KUBECONFIG: kubeconfig, CONFIG_SOURCE: 'directory', CONFIG_DIR: tmpdir() });
  delete process.env.KUBERNETES_SERVICE_HOST;
  delete g.__meshscopeConfig;
  delete g.__meshscopeKubeTransport;
  delete g.__meshscopeConfigSource;
});
afterAll(async () => {
  process.env = saved;
  delete g.__meshscopeConfig;
  delete g.__meshscopeKubeTransport;
  delete g.__meshscopeConfigSource;
  await api.close();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  login(new NextRequest('http://127.0.0.1:3000/api/auth/login', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }));

describe('POST /api/auth/login', () => {
  it('refuses a bad body with 400, and with 401 a token the API server rejects or whose user may not read the mesh', async () => {
    const bad = await post('{not json');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toContain('Body must be {"token": "..."}');
    const refused = await post({ token: 'wrong' });
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toBe('The Kubernetes API refused this token: [invalid bearer token, token lookup failed]');
    expect(refused.headers.get('set-cookie')).toBeNull();
    api.users.set('valid-but-unprivileged', 'system:serviceaccount:shop:cart');
    api.denied.add('system:serviceaccount:shop:cart');
    const unprivileged = await post({ token: 'valid-but-unprivileged' });
    expect(unprivileged.status).toBe(401);
    expect((await unprivileged.json()).error).toBe(
      'system:serviceaccount:shop:cart may not list pods across the cluster, so Meshscope will not show it the mesh (bind it to the ClusterRole view or meshscope-reader)');
    expect(unprivileged.headers.get('set-cookie')).toBeNull();
  });

  it('signs in a token the TokenReview accepts: HttpOnly, SameSite=Strict, Secure behind HTTPS, signed', async () => {
    const res = await post({ token: 'good' }, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: 'system:serviceaccount:default:viewer' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/Max-Age=28800/);
    const value = decodeURIComponent(/meshscope_session=([^;]+)/.exec(cookie)![1]!);
    expect(verifySession(value, SECRET)?.user).toBe('system:serviceaccount:default:viewer');
    expect(cookie).not.toContain('good');
    const plain = await post({ token: 'good' });
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);

    const who = await session(new NextRequest('http://127.0.0.1:3000/api/auth/session', { headers: { cookie: `${SESSION_COOKIE}=${value}` } }));
    expect(await who.json()).toMatchObject({ mode: 'token', user: 'system:serviceaccount:default:viewer' });
  });

  it('signs out by expiring the cookie', async () => {
    const res = logout(new NextRequest('http://127.0.0.1:3000/api/auth/logout', { method: 'POST' }));
    expect(res.headers.get('set-cookie')).toMatch(/meshscope_session=;.*Max-Age=0/i);
  });
});
