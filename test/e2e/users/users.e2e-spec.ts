import { createTestApp, type TestApp } from '../../utils/test-app';
import { bearer, createUser } from '../../factories/user.factory';

describe('users and tokens (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('authentication', () => {
    it('refuses a request without a credential (401, REST shape)', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: { 'x-trace-id': 'trace-noauth-1' } });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Authentication required: send a bearer token', trace_id: 'trace-noauth-1' });
    });

    it('refuses a malformed or unknown token', async () => {
      for (const token of ['nope', 'sp-live-000000000000.' + '0'.repeat(52), 'a.b.c']) {
        const res = await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(token) });
        expect(res.statusCode).toBe(401);
      }
    });

    it('accepts the bootstrap admin PAT', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(t.adminToken) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ email: 'admin@localhost', role: 'admin', name: 'admin' });
    });

    it('does not accept x-api-key outside /v1', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: { 'x-api-key': t.adminToken } });
      expect(res.statusCode).toBe(401);
    });
  });

  describe('POST /api/v1/users', () => {
    it('is denied to a non-admin (403)', async () => {
      const dev = await createUser(t, { role: 'developer' });
      const res = await t.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(dev.token), payload: { email: 'x@example.com', name: 'x', role: 'user' } });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toBe('Requires role admin or higher');
    });

    it('names each bad field (400)', async () => {
      const res = await t.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(t.adminToken), payload: { email: 'not-an-email', role: 'emperor', extra: 1 } });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.statusCode).toBe(400);
      expect(body.error).toBe('Bad Request');
      expect(body.trace_id).toEqual(expect.any(String));
      const text = (body.message as string[]).join('\n');
      expect(text).toContain('email must be an email');
      expect(text).toContain('name must be a string');
      expect(text).toMatch(/role must be one of the following values/);
      expect(text).toContain('property extra should not exist');
    });

    it('creates a user (201) and refuses the same email again (409, case-insensitive)', async () => {
      const res = await t.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(t.adminToken), payload: { email: 'Grace@Example.com', name: 'Grace', role: 'developer' } });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        email: 'Grace@Example.com',
        name: 'Grace',
        role: 'developer',
        status: 'active',
        tenant_id: expect.any(String),
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const again = await t.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(t.adminToken), payload: { email: 'grace@example.com', name: 'Grace 2', role: 'user' } });
      expect(again.statusCode).toBe(409);
      expect(again.json().message).toContain('already exists');
    });
  });

  describe('users CRUD', () => {
    it('lists users for an admin with pagination', async () => {
      await createUser(t);
      const res = await t.inject({ method: 'GET', url: '/api/v1/users?offset=0&limit=2', headers: bearer(t.adminToken) });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items).toHaveLength(2);
      expect(body.total).toBeGreaterThanOrEqual(2);
      const bad = await t.inject({ method: 'GET', url: '/api/v1/users?limit=0', headers: bearer(t.adminToken) });
      expect(bad.statusCode).toBe(400);
    });

    it('404 for an unknown id, 400 for a malformed id', async () => {
      const unknown = await t.inject({ method: 'GET', url: '/api/v1/users/00000000-0000-4000-8000-0000000000ff', headers: bearer(t.adminToken) });
      expect(unknown.statusCode).toBe(404);
      const malformed = await t.inject({ method: 'GET', url: '/api/v1/users/not-a-uuid', headers: bearer(t.adminToken) });
      expect(malformed.statusCode).toBe(400);
    });

    it('a user sees only themself', async () => {
      const a = await createUser(t);
      const b = await createUser(t);
      expect((await t.inject({ method: 'GET', url: `/api/v1/users/${a.id}`, headers: bearer(a.token) })).statusCode).toBe(200);
      expect((await t.inject({ method: 'GET', url: `/api/v1/users/${b.id}`, headers: bearer(a.token) })).statusCode).toBe(403);
    });

    it('a user may rename themself but never raise their own role', async () => {
      const u = await createUser(t);
      const rename = await t.inject({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: bearer(u.token), payload: { name: 'Renamed' } });
      expect(rename.statusCode).toBe(200);
      expect(rename.json().name).toBe('Renamed');
      const raise = await t.inject({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: bearer(u.token), payload: { role: 'admin' } });
      expect(raise.statusCode).toBe(403);
      const me = await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(u.token) });
      expect(me.json().role).toBe('user');
    });

    it('an admin may not change their own role either', async () => {
      const me = (await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(t.adminToken) })).json();
      const res = await t.inject({ method: 'PATCH', url: `/api/v1/users/${me.id}`, headers: bearer(t.adminToken), payload: { role: 'user' } });
      expect(res.statusCode).toBe(403);
    });

    it('disabling a user refuses their token at once', async () => {
      const u = await createUser(t);
      expect((await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(u.token) })).statusCode).toBe(200);
      const disable = await t.inject({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: bearer(t.adminToken), payload: { status: 'disabled' } });
      expect(disable.statusCode).toBe(200);
      expect((await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(u.token) })).statusCode).toBe(401);
    });

    it('lowering a role takes effect on the next request', async () => {
      const u = await createUser(t, { role: 'admin' });
      expect((await t.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(u.token) })).statusCode).toBe(200);
      await t.inject({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: bearer(t.adminToken), payload: { role: 'user' } });
      expect((await t.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(u.token) })).statusCode).toBe(403);
    });

    it('deletes a user (204), then 404', async () => {
      const u = await createUser(t);
      expect((await t.inject({ method: 'DELETE', url: `/api/v1/users/${u.id}`, headers: bearer(t.adminToken) })).statusCode).toBe(204);
      expect((await t.inject({ method: 'GET', url: `/api/v1/users/${u.id}`, headers: bearer(t.adminToken) })).statusCode).toBe(404);
      expect((await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(u.token) })).statusCode).toBe(401);
    });
  });

  describe('personal access tokens', () => {
    it('issues a token shown once, lists without values, revokes at once', async () => {
      const u = await createUser(t);
      const issued = await t.inject({ method: 'POST', url: `/api/v1/users/${u.id}/tokens`, headers: bearer(u.token), payload: { name: 'cli', scopes: ['gateway:invoke'] } });
      expect(issued.statusCode).toBe(201);
      const created = issued.json();
      expect(created.token).toMatch(/^sp-live-[0-9a-f]{12}\.[0-9a-f]{52}$/);
      expect(created.prefix).toBe(created.token.slice(0, 20));
      expect(created.scopes).toEqual(['gateway:invoke']);

      const list = await t.inject({ method: 'GET', url: `/api/v1/users/${u.id}/tokens`, headers: bearer(u.token) });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(created.token);
      expect(list.body).not.toContain(created.token.slice(21));
      expect(list.json().map((x: { id: string }) => x.id)).toContain(created.id);

      expect((await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(created.token) })).statusCode).toBe(200);
      const revoke = await t.inject({ method: 'DELETE', url: `/api/v1/users/${u.id}/tokens/${created.id}`, headers: bearer(u.token) });
      expect(revoke.statusCode).toBe(204);
      expect((await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(created.token) })).statusCode).toBe(401);
      const again = await t.inject({ method: 'DELETE', url: `/api/v1/users/${u.id}/tokens/00000000-0000-4000-8000-0000000000aa`, headers: bearer(u.token) });
      expect(again.statusCode).toBe(404);
    });

    it('an expired token is refused', async () => {
      const u = await createUser(t);
      const soon = new Date(Date.now() + 1500).toISOString();
      const issued = (await t.inject({ method: 'POST', url: `/api/v1/users/${u.id}/tokens`, headers: bearer(u.token), payload: { name: 'short', expires_at: soon } })).json();
      expect((await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(issued.token) })).statusCode).toBe(200);
      const deadline = Date.now() + 10_000;
      let status = 200;
      while (Date.now() < deadline && status === 200) {
        await new Promise((r) => setTimeout(r, 250));
        status = (await t.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(issued.token) })).statusCode;
      }
      expect(status).toBe(401);
    });

    it('refuses scopes above the role, unknown scopes and past expiry (400)', async () => {
      const u = await createUser(t);
      const above = await t.inject({ method: 'POST', url: `/api/v1/users/${u.id}/tokens`, headers: bearer(u.token), payload: { name: 'x', scopes: ['users:admin'] } });
      expect(above.statusCode).toBe(400);
      expect(above.json().message).toBe('scopes: users:admin exceeds role user');
      const unknown = await t.inject({ method: 'POST', url: `/api/v1/users/${u.id}/tokens`, headers: bearer(u.token), payload: { name: 'x', scopes: ['world:domination'] } });
      expect(unknown.statusCode).toBe(400);
      const past = await t.inject({ method: 'POST', url: `/api/v1/users/${u.id}/tokens`, headers: bearer(u.token), payload: { name: 'x', expires_at: '2001-01-01T00:00:00Z' } });
      expect(past.statusCode).toBe(400);
    });

    it('a scoped token is narrowed: admin token without users:admin cannot list users', async () => {
      const admin = await createUser(t, { role: 'admin' }, ['gateway:invoke']);
      const res = await t.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(admin.token) });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toBe('Token lacks scope: users:admin');
    });

    it('a user cannot manage another user\'s tokens', async () => {
      const a = await createUser(t);
      const b = await createUser(t);
      const res = await t.inject({ method: 'POST', url: `/api/v1/users/${b.id}/tokens`, headers: bearer(a.token), payload: { name: 'steal' } });
      expect(res.statusCode).toBe(403);
      const list = await t.inject({ method: 'GET', url: `/api/v1/users/${b.id}/tokens`, headers: bearer(a.token) });
      expect(list.statusCode).toBe(403);
    });
  });
});
