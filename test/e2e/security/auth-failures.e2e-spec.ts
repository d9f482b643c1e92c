import { bearer } from '../../factories/user.factory';
import { createTestApp, type TestApp } from '../../utils/test-app';

const GUESS = `Bearer sp-live-000000000000.${'0'.repeat(52)}`;

/**
 * Guessing credentials: after `security.auth_failures_per_minute` failures from one address
 * with one credential (a PAT prefix, or any other token), that pair is refused before any
 * verification for the rest of the minute (429). Other users at the same address (an office
 * behind one NAT), other addresses, and anonymous routes are served as before.
 */
describe('failed authentication limit per source address and credential (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Its own counter store: the shared Redis would carry the count over to other suites.
    t = await createTestApp({ redis: false, profile: 'security:\n  auth_failures_per_minute: 3\n' });
  });
  afterAll(async () => {
    await t.close();
  });

  const from = (remoteAddress: string, authorization: string) => t.inject({ method: 'GET', url: '/api/v1/users/me', headers: { authorization }, remoteAddress });

  it('refuses a source guessing at one token with 429 once it passes the limit, whatever secret it tries next', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await from('198.51.100.7', GUESS)).statusCode);
    // The failure that passes the limit (the 4th) is still answered 401; the next is refused.
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const otherSecret = await from('198.51.100.7', `Bearer sp-live-000000000000.${'1'.repeat(52)}`);
    expect(otherSecret.statusCode).toBe(429);
    expect(otherSecret.json()).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Too many failed authentication attempts; try again later', trace_id: expect.any(String) });
  });

  it('other users at the same address keep working (one bad client cannot lock out an office)', async () => {
    expect((await from('198.51.100.7', bearer(t.adminToken).authorization)).statusCode).toBe(200);
  });

  it('other sources are not affected, even with the same guess', async () => {
    expect((await from('198.51.100.8', GUESS)).statusCode).toBe(401);
    expect((await from('198.51.100.8', bearer(t.adminToken).authorization)).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/health', remoteAddress: '198.51.100.7' })).statusCode).toBe(200);
  });

  it('requests without any credential are 401 and not counted: there is nothing to guess', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.inject({ method: 'GET', url: '/api/v1/users/me', remoteAddress: '198.51.100.9' })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect((await from('198.51.100.9', bearer(t.adminToken).authorization)).statusCode).toBe(200);
  });
});
