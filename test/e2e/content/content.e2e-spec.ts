import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { createTestApp, type TestApp } from '../../utils/test-app';
import { CONTENT_SERVICES } from './content-fixture';

describe('content and skills (e2e)', () => {
  let t: TestApp;
  let user: CreatedUser;
  let admin: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp({ services: CONTENT_SERVICES });
    user = await createUser(t, { role: 'developer' });
    admin = bearer(t.adminToken);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string, headers: Record<string, string> = bearer(user.token)) => t.inject({ method: 'GET', url, headers });
  const slugs = async (url: string, headers?: Record<string, string>) => ((await get(url, headers)).json() as { items: { slug: string }[] }).items.map((i) => i.slug);

  describe('skills', () => {
    it('refuses a caller without a credential', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/v1/content/skills' });
      expect(res.statusCode).toBe(401);
    });

    it('lists the skills by name without their instructions', async () => {
      const res = await get('/api/v1/content/skills');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        items: [
          { name: 'review', description: 'Review a change', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
          { name: 'summarise', description: 'Summarise in five bullets', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        ],
        total: 2,
      });
    });

    it('returns one skill with its instructions', async () => {
      const res = await get('/api/v1/content/skills/summarise');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: 'summarise', instructions: 'Use at most five bullets.' });
    });

    it('answers 404 in the REST shape for an unknown skill', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/v1/content/skills/nope', headers: { ...bearer(user.token), 'x-trace-id': 'trace-skill-404' } });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ statusCode: 404, error: 'Not Found', message: "Skill 'nope' not found", trace_id: 'trace-skill-404' });
    });
  });

  describe('reading documents', () => {
    it('lists published documents only, sorted by slug, for a non-admin', async () => {
      const res = await get('/api/v1/content');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ total: 3, offset: 0, limit: 20 });
      expect(body.items.map((i: { slug: string }) => i.slug)).toEqual(['alpha', 'beta', 'gamma']);
      expect(body.items[0]).toEqual({ slug: 'alpha', title: 'Alpha guide', tags: ['onboarding', 'Gateway'], published: true, source: 'file', updated_at: expect.any(String) });
    });

    it('lists drafts too for an admin', async () => {
      expect(await slugs('/api/v1/content', admin)).toEqual(['alpha', 'beta', 'draft', 'gamma']);
    });

    it('filters by tag, case-insensitively', async () => {
      expect(await slugs('/api/v1/content?tag=ONBOARDING')).toEqual(['alpha', 'beta']);
      expect(await slugs('/api/v1/content?tag=gateway')).toEqual(['alpha']);
      expect(await slugs('/api/v1/content?tag=onboarding', admin)).toEqual(['alpha', 'beta', 'draft']);
    });

    it('searches the title and the body; every word must match', async () => {
      expect(await slugs('/api/v1/content?q=vault')).toEqual(['alpha', 'gamma']);
      expect(await slugs('/api/v1/content?q=VAULT%20mcp')).toEqual(['gamma']);
      expect(await slugs('/api/v1/content?q=guide&tag=mcp')).toEqual([]);
      expect(await slugs('/api/v1/content?q=roadmap')).toEqual([]);
      expect(await slugs('/api/v1/content?q=roadmap', admin)).toEqual(['draft']);
    });

    it('pages with offset and limit, reporting the total', async () => {
      const first = (await get('/api/v1/content?limit=2')).json();
      expect(first).toMatchObject({ total: 3, offset: 0, limit: 2 });
      expect(first.items.map((i: { slug: string }) => i.slug)).toEqual(['alpha', 'beta']);
      const second = (await get('/api/v1/content?limit=2&offset=2')).json();
      expect(second.items.map((i: { slug: string }) => i.slug)).toEqual(['gamma']);
      expect((await get('/api/v1/content?offset=10')).json()).toMatchObject({ items: [], total: 3 });
    });

    it('answers 400 naming each bad query parameter', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/v1/content?limit=0&offset=-1', headers: { ...bearer(user.token), 'x-trace-id': 'trace-query-400' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: ['offset must not be less than 0', 'limit must not be less than 1'],
        trace_id: 'trace-query-400',
      });
    });

    it('returns a document with its body', async () => {
      const res = await get('/api/v1/content/beta');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ slug: 'beta', title: 'Beta guide', body: 'Connecting MCP servers.\n', source: 'file' });
    });

    it('hides a draft from a non-admin as 404, shows it to an admin', async () => {
      expect((await get('/api/v1/content/draft')).statusCode).toBe(404);
      expect((await get('/api/v1/content/draft', admin)).json()).toMatchObject({ slug: 'draft', published: false });
    });
  });

  describe('writing documents', () => {
    const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers = admin) =>
      t.inject({ method, url, headers: { ...headers, 'x-trace-id': 'trace-write' }, payload });

    it('refuses non-admins with 403 before looking at the body', async () => {
      for (const [method, url] of [['POST', '/api/v1/content'], ['PUT', '/api/v1/content/alpha'], ['DELETE', '/api/v1/content/alpha']] as const) {
        const res = await send(method, url, method === 'DELETE' ? undefined : { title: 'x', body: 'y' }, bearer(user.token));
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ statusCode: 403, error: 'Forbidden', trace_id: 'trace-write' });
      }
    });

    it('answers 400 naming each bad field', async () => {
      const res = await send('POST', '/api/v1/content', { slug: 'Bad Slug', title: '', body: 5, tags: 'x', published: 'yes', extra: 1 });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: [
          'extra: property extra should not exist',
          'slug must be lower-case letters, digits and "-" (max 128), starting with a letter or digit',
          'title must be longer than or equal to 1 characters',
          'body must be shorter than or equal to 500000 characters',
          'body must be a string',
          'tags must contain no more than 32 elements',
          'tags must be an array',
          'published must be a boolean value',
        ],
        trace_id: 'trace-write',
      });
    });

    it('refuses the reserved slug', async () => {
      const res = await send('POST', '/api/v1/content', { slug: 'skills', title: 'x', body: 'y' });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toEqual(['slug is reserved']);
    });

    it('creates a document (201), then refuses its slug again (409)', async () => {
      const created = await send('POST', '/api/v1/content', { slug: 'delta', title: 'Delta', body: 'About the vault.', tags: ['ops'] });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ slug: 'delta', title: 'Delta', body: 'About the vault.', tags: ['ops'], published: true, source: 'database' });
      expect(await slugs('/api/v1/content?q=vault')).toEqual(['alpha', 'delta', 'gamma']);

      const again = await send('POST', '/api/v1/content', { slug: 'delta', title: 'Other', body: '' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toEqual({ statusCode: 409, error: 'Conflict', message: "A document with slug 'delta' already exists", trace_id: 'trace-write' });
    });

    it('refuses to create over a file document (409)', async () => {
      expect((await send('POST', '/api/v1/content', { slug: 'alpha', title: 'x', body: 'y' })).statusCode).toBe(409);
    });

    it('replaces a file document with a stored one that overrides it everywhere', async () => {
      const res = await send('PUT', '/api/v1/content/gamma', { title: 'Gamma, rewritten', body: 'No secrets here.', tags: ['mcp', 'ops'] });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ slug: 'gamma', title: 'Gamma, rewritten', source: 'database', tags: ['mcp', 'ops'] });
      expect((await get('/api/v1/content/gamma')).json()).toMatchObject({ body: 'No secrets here.', source: 'database' });
      expect(await slugs('/api/v1/content?q=vault')).toEqual(['alpha', 'delta']);
      expect(await slugs('/api/v1/content?tag=ops')).toEqual(['delta', 'gamma']);
    });

    it('can unpublish a document through PUT', async () => {
      expect((await send('PUT', '/api/v1/content/delta', { title: 'Delta', body: 'About the vault.', published: false })).statusCode).toBe(200);
      expect((await get('/api/v1/content/delta')).statusCode).toBe(404);
      expect(await slugs('/api/v1/content?q=vault')).toEqual(['alpha']);
    });

    it('answers 404 to PUT and DELETE of an unknown slug', async () => {
      const put = await send('PUT', '/api/v1/content/nothing', { title: 'x', body: 'y' });
      expect(put.statusCode).toBe(404);
      expect(put.json()).toEqual({ statusCode: 404, error: 'Not Found', message: "Document 'nothing' not found", trace_id: 'trace-write' });
      expect((await send('DELETE', '/api/v1/content/nothing')).statusCode).toBe(404);
    });

    it('deletes a file document with a tombstone, and lets the slug be created again', async () => {
      expect((await send('DELETE', '/api/v1/content/beta')).statusCode).toBe(204);
      expect((await get('/api/v1/content/beta', admin)).statusCode).toBe(404);
      expect(await slugs('/api/v1/content', admin)).not.toContain('beta');
      expect((await send('DELETE', '/api/v1/content/beta')).statusCode).toBe(404);

      const revived = await send('POST', '/api/v1/content', { slug: 'beta', title: 'Beta again', body: 'New.' });
      expect(revived.statusCode).toBe(201);
      expect((await get('/api/v1/content/beta')).json()).toMatchObject({ title: 'Beta again', source: 'database' });
    });

    it('deletes a stored document outright', async () => {
      expect((await send('DELETE', '/api/v1/content/delta')).statusCode).toBe(204);
      expect((await get('/api/v1/content/delta', admin)).statusCode).toBe(404);
      expect((await send('POST', '/api/v1/content', { slug: 'delta', title: 'Delta 2', body: 'b' })).statusCode).toBe(201);
    });
  });
});
