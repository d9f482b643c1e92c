import { createTestApp, type TestApp } from '../../utils/test-app';
import { createUser } from '../../factories/user.factory';

/** Every route is logged by one Fastify hook (no pino-http middleware): one line, pino-http's shape, no secrets. */
describe('access log (e2e)', () => {
  const lines: Record<string, unknown>[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ logDestination: { write: (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)) } });
  });
  afterAll(async () => {
    await t.close();
  });

  const accessLines = (url: string) => lines.filter((l) => l.msg === 'request completed' && (l.req as { url?: string } | undefined)?.url === url);

  it('writes exactly one access line per /v1 request, with the trace id, status and no credential', async () => {
    const u = await createUser(t);
    const res = await t.inject({ method: 'GET', url: '/v1/models?key=leaky-query-secret', headers: { 'x-api-key': u.token } });
    expect(res.statusCode).toBe(200);
    const found = accessLines('/v1/models?…');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 30, trace_id: res.headers['x-trace-id'], req: { method: 'GET', url: '/v1/models?…' }, res: { statusCode: 200 }, responseTime: expect.any(Number) });
    expect(JSON.stringify(lines)).not.toContain(u.token);
    expect(JSON.stringify(lines)).not.toContain('leaky-query-secret');
  });

  it('logs refused /v1 requests too, and other routes once each, probes not at all', async () => {
    const refused = await t.inject({ method: 'POST', url: '/v1/messages', payload: { model: 'x', max_tokens: 1, messages: [] } });
    expect(refused.statusCode).toBe(401);
    expect(accessLines('/v1/messages')).toEqual([expect.objectContaining({ trace_id: refused.headers['x-trace-id'], res: { statusCode: 401 } })]);
    const rest = await t.inject({ method: 'GET', url: '/api/v1/users/me' });
    expect(rest.statusCode).toBe(401);
    expect(accessLines('/api/v1/users/me')).toEqual([expect.objectContaining({ trace_id: rest.headers['x-trace-id'], res: { statusCode: 401 } })]);
    await t.inject({ method: 'GET', url: '/health/ready' });
    expect(lines.filter((l) => (l.req as { url?: string } | undefined)?.url?.startsWith('/health'))).toEqual([]);
  });
});
