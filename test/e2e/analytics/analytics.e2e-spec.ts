import { DataSource } from 'typeorm';
import { AnalyticsCostsCommand, AnalyticsToolsCommand } from '../../../src/modules/analytics/analytics.commands';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { buildRequest, insertRequests } from '../../integration/analytics/seed-rows';
import { startGatewayFixture, type GatewayFixture } from '../gateway/gateway-fixture';

const REPORTS = ['overview', 'requests', 'costs', 'tools', 'sessions', 'agents'];

/** The analytics API over HTTP: auth, exact 400 bodies, own vs everyone's data, the CLI. */
describe('analytics API (e2e)', () => {
  let f: GatewayFixture;
  let user: CreatedUser;
  let other: CreatedUser;
  let auditor: CreatedUser;

  beforeAll(async () => {
    f = await startGatewayFixture({ redis: false });
    [user, other, auditor] = [await createUser(f.t), await createUser(f.t), await createUser(f.t, { role: 'auditor' })];
  });
  afterAll(async () => {
    await f.close();
  });

  const get = (path: string, token: string | null, traceId = 'trace-analytics') =>
    f.t.inject({ method: 'GET', url: `/api/v1/analytics/${path}`, headers: { ...(token ? bearer(token) : {}), 'x-trace-id': traceId } });
  const send = (token: string, model: string) => f.t.inject({ method: 'POST', url: '/v1/messages', headers: bearer(token), payload: { model, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] } });
  async function until(check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('analytics did not catch up with the recorder');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('every report needs a credential (401) and the analytics:read scope (403)', async () => {
    const narrow = await createUser(f.t, {}, ['gateway:invoke']);
    for (const report of REPORTS) {
      expect((await get(report, null)).statusCode).toBe(401);
      expect((await get(report, narrow.token)).statusCode).toBe(403);
      expect((await get(report, user.token)).statusCode).toBe(200);
    }
  });

  it('an unknown group_by is a 400 naming the allowed values', async () => {
    const res = await get('costs?group_by=colour', user.token, 'trace-bad-group');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: ['group_by must be one of the following values: model, provider, user, tenant, agent, tool, day, hour'], trace_id: 'trace-bad-group' });
  });

  it('a group_by the report does not take is a 400 saying which it does', async () => {
    const res = await get('costs?group_by=tool', user.token, 'trace-not-applicable');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: "group_by 'tool' does not apply to costs; use one of: model, provider, user, tenant, agent, day, hour", trace_id: 'trace-not-applicable' });
    expect((await get('tools?group_by=model', user.token)).json().message).toBe("group_by 'model' does not apply to tools; use one of: tool, user, tenant, day, hour");
    expect((await get('overview?group_by=day', user.token)).json().message).toBe("group_by 'day' does not apply to overview; overview takes no group_by");
  });

  it('refuses bad windows and page sizes with 400', async () => {
    const reversed = await get('requests?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', user.token, 'trace-range');
    expect(reversed.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'from must be earlier than to (the window is [from, to))', trace_id: 'trace-range' });
    const notIso = await get('requests?from=yesterday', user.token);
    expect(notIso.statusCode).toBe(400);
    expect(notIso.json().message).toEqual(['from must be a valid ISO 8601 date string']);
    for (const limit of ['0', '1001', 'x']) expect((await get(`requests?limit=${limit}`, user.token)).statusCode).toBe(400);
    expect((await get('requests?offset=-1', user.token)).statusCode).toBe(400);
  });

  it('reports real gateway traffic: each user their own, auditors and admins everyone’s', async () => {
    for (let i = 0; i < 3; i++) expect((await send(user.token, 'claude-sonnet-4-5')).statusCode).toBe(200);
    expect((await send(user.token, 'gpt-4o')).statusCode).toBe(200);
    expect((await send(other.token, 'claude-sonnet-4-5')).statusCode).toBe(200);
    await until(async () => (await get('costs?group_by=user', f.t.adminToken)).json().totals.requests === 5);

    const own = (await get('costs?group_by=model', user.token)).json();
    expect(own).toMatchObject({ report: 'costs', scope: 'own', group_by: 'model', total: 2, offset: 0, limit: 50 });
    const claude = own.items.find((i: { key: string }) => i.key === 'claude-sonnet-4-5');
    expect(claude).toMatchObject({ requests: 3, input_tokens: 75, output_tokens: 36, cache_read_tokens: 15, cache_write_tokens: 9 });
    expect(claude.cost_usd).toBeCloseTo(claude.cost_microdollars / 1e6, 12);
    expect(claude.cost_microdollars).toBeGreaterThan(0);

    for (const token of [auditor.token, f.t.adminToken]) {
      const all = (await get('costs?group_by=user', token)).json();
      expect(all.scope).toBe('all');
      expect(Object.fromEntries(all.items.map((i: { key: string; requests: number }) => [i.key, i.requests]))).toEqual({ [user.id]: 4, [other.id]: 1 });
    }
    const requests = (await get('requests?group_by=provider', user.token)).json();
    expect(requests.items.map((i: { key: string; requests: number; latency_p50_ms: number }) => [i.key, i.requests, typeof i.latency_p50_ms])).toEqual([
      ['anthropic', 3, 'number'],
      ['openai', 1, 'number'],
    ]);
    const sessions = (await get('sessions', user.token)).json();
    expect(sessions.items).toHaveLength(1);
    expect(sessions.items[0]).toMatchObject({ user_id: user.id, requests: 4 });
  });

  it('the window is [from, to): a row at `from` counts, a row at `to` does not', async () => {
    const at = new Date('2025-06-01T12:00:00.000Z');
    await insertRequests(f.t.get(DataSource), [
      buildRequest({ user_id: other.id, created_at: at, cost_microdollars: 111, model: 'edge-model' }),
      buildRequest({ user_id: other.id, created_at: new Date(at.getTime() + 60_000), cost_microdollars: 222, model: 'edge-model' }),
    ]);
    const window = (from: Date, to: Date) => get(`costs?from=${from.toISOString()}&to=${to.toISOString()}`, other.token).then((r) => r.json().totals.cost_microdollars);
    expect(await window(at, new Date(at.getTime() + 60_000))).toBe(111);
    expect(await window(new Date(at.getTime() + 1), new Date(at.getTime() + 60_001))).toBe(222);
    expect(await window(new Date(at.getTime() - 1), at)).toBe(0);
  });

  it('the CLI prints the same report as a table', async () => {
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      await f.t.get<AnalyticsCostsCommand>(AnalyticsCostsCommand).run([], { groupBy: 'user' });
      await f.t.get<AnalyticsToolsCommand>(AnalyticsToolsCommand).run([], { from: '2020-01-01', to: '2030-01-01' });
    } finally {
      process.stdout.write = write;
    }
    const text = out.join('');
    expect(text).toMatch(/^costs by user, \[.+\), 2 group\(s\)$/m);
    expect(text).toMatch(/^group\s+requests\s+input\s+output\s+cache_read\s+cache_write\s+cost_µ\$\s+cost_usd$/m);
    expect(text).toMatch(new RegExp(`^${user.id}\\s+4\\s+`, 'm'));
    expect(text).toMatch(/^TOTAL\s+5\s+/m);
    expect(text).toMatch(/^tools by tool, \[2020-01-01T00:00:00\.000Z, 2030-01-01T00:00:00\.000Z\), \d+ group\(s\)/m);
  });

  it('the CLI refuses a bad --group-by with one line and a non-zero exit code', async () => {
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      await f.t.get<AnalyticsCostsCommand>(AnalyticsCostsCommand).run([], { groupBy: 'tool' });
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).toBe("error: group_by 'tool' does not apply to costs; use one of: model, provider, user, tenant, agent, day, hour\n");
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
  });
});
