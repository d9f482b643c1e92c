import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../../utils/test-app';

describe('foundation (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('GET /health answers 200 ok', async () => {
    const res = await t.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /health/ready reports the database (and Redis when configured) up', async () => {
    const res = await t.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.details.database.status).toBe('up');
    if (process.env.REDIS_URL) expect(body.details.redis.status).toBe('up');
  });

  it('echoes a given x-trace-id and mints one otherwise', async () => {
    const given = await t.inject({ method: 'GET', url: '/health', headers: { 'x-trace-id': 'trace-abc-12345' } });
    expect(given.headers['x-trace-id']).toBe('trace-abc-12345');
    const minted = await t.inject({ method: 'GET', url: '/health' });
    expect(minted.headers['x-trace-id']).toMatch(/^[0-9a-f-]{36}$/);
    const malformed = await t.inject({ method: 'GET', url: '/health', headers: { 'x-trace-id': 'bad id with spaces' } });
    expect(malformed.headers['x-trace-id']).not.toBe('bad id with spaces');
  });

  it('answers unknown REST paths with the contract 404 shape', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'x-trace-id': 'trace-404-abcdef' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/v1/nothing-here', trace_id: 'trace-404-abcdef' });
  });

  it('answers unknown /v1 paths in the Anthropic error shape', async () => {
    const res = await t.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ type: 'error', error: { type: 'not_found_error', message: 'Cannot GET /v1/nothing-here' } });
  });

  it('serves Swagger UI at /docs and the OpenAPI document at /docs/openapi.json', async () => {
    const ui = await t.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger-ui');
    const doc = await t.inject({ method: 'GET', url: '/docs/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const json = doc.json();
    expect(json.openapi).toMatch(/^3\./);
    expect(Object.keys(json.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready']));
    expect(Object.keys(json.components.securitySchemes)).toEqual(expect.arrayContaining(['bearer', 'x-api-key']));
  });

  it('turns malformed JSON into a 400 with the REST error shape', async () => {
    const res = await t.inject({ method: 'POST', url: '/health', headers: { 'content-type': 'application/json' }, payload: '{"broken":' });
    expect([400, 404]).toContain(res.statusCode);
    expect(res.json()).toMatchObject({ statusCode: res.statusCode, trace_id: expect.any(String) });
  });

  it('/health/ready turns 503 when the database is gone', async () => {
    const other = await createTestApp({ redis: false });
    try {
      await other.get<DataSource>(DataSource).destroy();
      const res = await other.inject({ method: 'GET', url: '/health/ready', headers: { 'x-trace-id': 'trace-ready-503' } });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'not ready: database down', trace_id: 'trace-ready-503' });
    } finally {
      await other.close();
    }
  });
});
