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
