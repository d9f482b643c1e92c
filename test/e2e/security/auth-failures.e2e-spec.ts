import { bearer } from '../../factories/user.factory';
import { createTestApp, type TestApp } from '../../utils/test-app';

const GUESS = `Bearer sp-live-000000000000.${'0'.repeat(52)}`;

/**
 * Guessing credentials: after `security.auth_failures_per_minute` failures from one address,
 * that address is refused before any verification for the rest of the minute (429), while
 * other addresses, and anonymous routes, are served as before.
 */
describe('failed authentication limit per source address (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Its own counter store: the shared Redis would carry the count over to other suites.
    t = await createTestApp({ redis: false, profile: 'security:\n  auth_failures_per_minute: 3\n' });
  });
  afterAll(async () => {
    await t.close();
  });

  const from = (remoteAddress: string, authorization: string) => t.inject({ method: 'GET', url: '/api/v1/users/me', headers: { authorization }, remoteAddress });

  it('refuses a guessing source with 429 once it passes the limit, even with a valid token', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await from('198.51.100.7', GUESS)).statusCode);
    // The failure that passes the limit (the 4th) is still answered 401; the next is refused.
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const blocked = await from('198.51.100.7', bearer(t.adminToken).authorization);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Too many failed authentication attempts; try again later', trace_id: expect.any(String) });
  });

  it('other sources are not affected', async () => {
    expect((await from('198.51.100.8', bearer(t.adminToken).authorization)).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/health', remoteAddress: '198.51.100.7' })).statusCode).toBe(200);
  });
});
