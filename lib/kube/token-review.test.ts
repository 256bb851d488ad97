import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/server/errors';
import { startFakeApiServer, type FakeApiServer } from './fake-api-server';
import { reviewToken } from './token-review';
import { createKubeTransport } from './transport';

let api: FakeApiServer;
beforeAll(async () => {
  api = await startFakeApiServer();
  api.users.set('good-token', 'system:serviceaccount:default:viewer');
});
afterAll(() => api.close());

const transport = (token: string) => createKubeTransport({ server: api.url, token: () => token, origin: 'test' });

describe('TokenReview', () => {
  it('accepts a token the API server authenticates, with its user name', async () => {
    expect(await reviewToken(transport(api.token), 'good-token')).toEqual({
      authenticated: true, user: 'system:serviceaccount:default:viewer', groups: ['system:serviceaccounts', 'system:authenticated'],
    });
  });
  it('refuses a token the API server does not know, with its reason', async () => {
    expect(await reviewToken(transport(api.token), 'bad-token')).toEqual({ authenticated: false, reason: '[invalid bearer token, token lookup failed]' });
  });
  it('fails clearly when Meshscope itself is not allowed to ask', async () => {
    const err = (await reviewToken(transport('wrong'), 'good-token').catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).toContain("rejected Meshscope's credentials (401) to create tokenreviews.authentication.k8s.io");
  });
});

describe('SubjectAccessReview', () => {
  it('allows a user the API server allows and refuses one it denies', async () => {
    const { canReadMesh } = await import('./access-review');
    expect((await canReadMesh(transport(api.token), 'system:serviceaccount:default:viewer', [])).allowed).toBe(true);
    api.denied.add('system:serviceaccount:default:nobody');
    expect(await canReadMesh(transport(api.token), 'system:serviceaccount:default:nobody', [])).toEqual({ allowed: false });
    const sar = api.requests.filter((r) => r === 'POST /apis/authorization.k8s.io/v1/subjectaccessreviews');
    expect(sar).toHaveLength(2);
  });
});
