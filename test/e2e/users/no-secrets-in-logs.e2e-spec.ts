import { createTestApp, type TestApp } from '../../utils/test-app';
import { bearer, createUser } from '../../factories/user.factory';

describe('logs never contain secrets (e2e)', () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ logDestination: { write: (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)) } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('bearer tokens, x-api-key values, issued tokens and the jwt secret never appear in a log line', async () => {
    const u = await createUser(t);
    await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(u.token) });
    await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer('sp-live-0123456789ab.' + 'f'.repeat(52)) });
    await t.inject({ method: 'GET', url: '/v1/models?key=leaky-query-secret', headers: { 'x-api-key': u.token } });
    const issued = await t.inject({ method: 'POST', url: `/api/v1/users/${u.id}/tokens`, headers: bearer(u.token), payload: { name: 'log-test' } });
    const newToken = issued.json().token as string;

    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join('\n');
    for (const secret of [u.token, newToken, t.adminToken, 'f'.repeat(52), 'leaky-query-secret', 'test-jwt-secret-that-is-long-enough']) {
      expect(all).not.toContain(secret);
    }
    const withTrace = lines.map((l) => JSON.parse(l)).filter((l) => l.req);
    expect(withTrace.length).toBeGreaterThan(0);
    for (const line of withTrace) expect(line.trace_id).toEqual(expect.any(String));
  });
});
