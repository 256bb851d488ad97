import { describe, expect, it } from 'vitest';
import { decide, safeNext } from './guard';
import { isHttps, signSession, verifySession } from './session';

const SECRET = 'x'.repeat(32);
const NOW = 1_800_000_000;
const session = { user: 'system:serviceaccount:default:viewer', groups: ['system:authenticated'], exp: NOW + 60 };

describe('session cookie', () => {
  it('round-trips a signed session', () => {
    expect(verifySession(signSession(session, SECRET), SECRET, NOW)).toEqual(session);
  });

  it('refuses a cookie signed with another secret, a changed payload, an expired one, garbage', () => {
    const good = signSession(session, SECRET);
    expect(verifySession(signSession(session, 'y'.repeat(32)), SECRET, NOW)).toBeNull();
    const forged = Buffer.from(JSON.stringify({ ...session, user: 'system:admin' })).toString('base64url');
    expect(verifySession(`${forged}.${good.split('.')[1]}`, SECRET, NOW)).toBeNull();
    expect(verifySession(good, SECRET, NOW + 60)).toBeNull();
    expect(verifySession('not-a-cookie', SECRET, NOW)).toBeNull();
    expect(verifySession(undefined, SECRET, NOW)).toBeNull();
  });

  it('knows HTTPS directly and behind a TLS-terminating proxy', () => {
    expect(isHttps('https://mesh.example/', null)).toBe(true);
    expect(isHttps('http://10.0.0.5:30080/', 'https')).toBe(true);
    expect(isHttps('http://10.0.0.5:30080/', null)).toBe(false);
  });
});

describe('token-mode guard', () => {
  const cookie = signSession(session, SECRET);
  it('lets everything through in anonymous mode', () => {
    expect(decide('anonymous', undefined, '/api/graph', '', undefined)).toEqual({ action: 'allow' });
  });
  it('answers 401 on API routes and sends pages to /login without a session', () => {
    expect(decide('token', SECRET, '/api/graph', '?namespaces=default', undefined, NOW)).toEqual({ action: 'unauthorized' });
    expect(decide('token', SECRET, '/api/status', '', 'forged.cookie', NOW)).toEqual({ action: 'unauthorized' });
    expect(decide('token', SECRET, '/graph', '?namespaces=default', undefined, NOW)).toEqual({ action: 'login', next: '/graph?namespaces=default' });
  });
  it('keeps probes and sign-in open, and admits a valid session', () => {
    for (const p of ['/api/health/live', '/api/health/ready', '/api/auth/login', '/login']) expect(decide('token', SECRET, p, '', undefined, NOW).action).toBe('allow');
    expect(decide('token', SECRET, '/api/graph', '', cookie, NOW)).toEqual({ action: 'allow', session });
  });
  it('never redirects off-site after sign-in', () => {
    expect(safeNext('/graph?x=1')).toBe('/graph?x=1');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', undefined, '/login?next=/x']) expect(safeNext(bad)).toBe('/');
  });
});
