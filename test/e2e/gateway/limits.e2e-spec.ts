import { bearer, createUser } from '../../factories/user.factory';
import { startMockAnthropic } from '../../mocks/mock-anthropic';
import type { MockServer } from '../../mocks/mock-server';
import { createTestApp, type TestApp } from '../../utils/test-app';
import { createTestDatabase, type TestDatabase } from '../../utils/test-database';

const body = (content = 'hi') => ({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [{ role: 'user', content }] });

/** Rate limits and budgets, on one instance and (with Redis) across two sharing one Redis. */
describe('gateway limits (e2e)', () => {
  let upstream: MockServer;
  let db: TestDatabase;
  const apps: TestApp[] = [];
  const twoInstances = Boolean(process.env.REDIS_URL) && !process.env.DATABASE_URL?.startsWith('pglite') && Boolean(process.env.DATABASE_URL);

  beforeAll(async () => {
    upstream = await startMockAnthropic();
    db = await createTestDatabase();
    const profile = `gateway:
  routes:
    - { model_pattern: "claude-*", provider: anthropic, endpoint: "${upstream.url}/v1" }
  pricing:
    - { model_pattern: "claude-*", input: 1000, output: 1000 }
  budgets:
    - { scope: user, period: day, limit_usd: 0.1 }
governance:
  rate_limits: { gateway_requests_per_minute: 6, tool_calls_per_minute: 120 }
`;
    const first = await createTestApp({ profile, database: db });
    apps.push(first);
    // Two instances need a shared database: PostgreSQL (the embedded one is one process's).
    if (twoInstances) apps.push(await createTestApp({ profile, database: db, adminToken: first.adminToken }));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db.drop();
    await upstream.close();
  });

  const send = (app: TestApp, token: string, content?: string) => app.inject({ method: 'POST', url: '/v1/messages', headers: bearer(token), payload: body(content) });

  it('gateway_requests_per_minute admits exactly the limit per user, across instances, then 429 rate_limit_error', async () => {
    const u = await createUser(apps[0]!);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => send(apps[i % apps.length]!, u.token, 'cheap')));
    // The budget (0.1 $ = 100 000 µ$ at 37 000 µ$ per call) stops the 3rd+ once spent is recorded,
    // so only count rate-limit refusals here.
    const limited = results.filter((r) => r.statusCode === 429 && r.json().error.message.includes('gateway_requests_per_minute'));
    expect(limited).toHaveLength(12 - 6);
    expect(limited[0]!.json()).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: expect.stringMatching(/^gateway_requests_per_minute limit of 6 reached; retry in \d+ s$/) } });
  });

  it('a spend cap stops the user once reached, saying which cap, across instances', async () => {
    const u = await createUser(apps[0]!);
    // Each call costs (25 + 12) × 1000 µ$ = 37 000 µ$; the cap is 100 000 µ$: 3 calls reach it.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await send(apps[i % apps.length]!, u.token);
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json()).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'The user daily spend cap of $0.1 is reached' } });
      }
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
