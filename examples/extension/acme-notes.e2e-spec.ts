import { bearer, createUser } from '../../test/factories/user.factory';
import { createTestApp, type TestApp } from '../../test/utils/test-app';
import { acmeNotesExtension } from './acme-notes.module';

describe('example extension: acme-notes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ extensions: [acmeNotesExtension], redis: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('its migration ran after the core and its routes are guarded like the core', async () => {
    const dev = await createUser(t, { role: 'developer' });
    const user = await createUser(t, { role: 'user' });
    expect((await t.inject({ method: 'POST', url: '/api/v1/acme/notes', payload: { text: 'x' } })).statusCode).toBe(401);
    expect((await t.inject({ method: 'POST', url: '/api/v1/acme/notes', headers: bearer(user.token), payload: { text: 'x' } })).statusCode).toBe(403);
    const bad = await t.inject({ method: 'POST', url: '/api/v1/acme/notes', headers: bearer(dev.token), payload: { text: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toEqual(['text must be longer than or equal to 1 characters']);
    expect((await t.inject({ method: 'POST', url: '/api/v1/acme/notes', headers: bearer(dev.token), payload: { text: 'hello' } })).statusCode).toBe(201);
    const list = await t.inject({ method: 'GET', url: '/api/v1/acme/notes', headers: bearer(dev.token) });
    expect(list.json()).toEqual([{ id: 1, text: 'hello' }]);
  });

  it('its config validator runs at the Config stage', async () => {
    await expect(createTestApp({ extensions: [acmeNotesExtension], redis: false, profile: 'security:\n  jwt_audiences: []\n' })).rejects.toThrow(
      /stage config: .*extension acme-notes: acme-notes needs at least one JWT audience/,
    );
  });
});
