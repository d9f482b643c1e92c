import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type Identity, systemIdentity } from '../../../src/common/auth/identity';
import type { Role } from '../../../src/common/auth/roles';
import { AnalyticsError } from '../../../src/modules/analytics/analytics.errors';
import { AnalyticsService } from '../../../src/modules/analytics/analytics.service';
import type { SessionItemDto } from '../../../src/modules/analytics/dto/analytics-response.dto';
import { createTestApp, type TestApp } from '../../utils/test-app';
import { buildDecision, buildRequest, type DecisionRow, groupBy, insertDecisions, insertRequests, percentileCont, random, type RequestRow, succeeded, sum } from './seed-rows';

const T0 = new Date('2026-03-01T00:00:00.000Z');
const DAY = 86_400_000;
const FROM = T0.toISOString();
const TO = new Date(T0.getTime() + 3 * DAY).toISOString();
const USERS = [randomUUID(), randomUUID(), randomUUID()];
const TENANTS = [randomUUID(), randomUUID()];
const MODELS: [string, string][] = [['claude-sonnet-4-5', 'anthropic'], ['gpt-4o', 'openai'], ['gemini-2.5-pro', 'gemini']];
const AGENTS = [null, null, 'helper', 'coder'];

/** The reports against sums computed here from the very rows seeded, on a real database. */
describe('analytics reports (integration)', () => {
  let t: TestApp;
  let analytics: AnalyticsService;
  const rows: RequestRow[] = [];
  const decisions: DecisionRow[] = [];
  const as = (role: Role, userId: string | null): Identity => ({ ...systemIdentity(), principal: 'user', role, userId });
  const admin = as('admin', null);

  beforeAll(async () => {
    t = await createTestApp({ redis: false });
    analytics = t.get(AnalyticsService);
    const rnd = random(8);
    const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
    for (let i = 0; i < 600; i++) {
      const [model, provider] = pick(MODELS);
      const userIndex = Math.floor(rnd() * USERS.length);
      const failed = rnd() < 0.1;
      rows.push(
        buildRequest({
          user_id: USERS[userIndex]!,
          tenant_id: TENANTS[userIndex % 2]!,
          session_id: `session-${userIndex}-${Math.floor(rnd() * 4)}`,
          model,
          provider,
          agent: pick(AGENTS),
          status: failed ? pick([429, 500, 529]) : 200,
          error_type: failed ? 'api_error' : null,
          input_tokens: Math.floor(rnd() * 5000),
          output_tokens: Math.floor(rnd() * 2000),
          cache_read_tokens: Math.floor(rnd() * 300),
          cache_write_tokens: Math.floor(rnd() * 100),
          cost_microdollars: Math.floor(rnd() * 50_000),
          latency_ms: 20 + Math.floor(rnd() * 3000),
          created_at: new Date(T0.getTime() + Math.floor(rnd() * 3 * DAY - 1)),
        }),
      );
    }
    // The window's edges: from is inclusive, to exclusive.
    rows.push(buildRequest({ user_id: USERS[0]!, created_at: new Date(FROM), cost_microdollars: 7, latency_ms: 1 }));
    rows.push(buildRequest({ user_id: USERS[0]!, created_at: new Date(TO), cost_microdollars: 1_000_000_000 }));
    rows.push(buildRequest({ user_id: USERS[0]!, created_at: new Date(T0.getTime() - 1), cost_microdollars: 1_000_000_000 }));
    for (let call = 0; call < 200; call++) {
      const base = { trace_id: randomUUID(), user_id: pick(USERS), tool: pick(['bash', 'read_file', 'db_query']), created_at: new Date(T0.getTime() + Math.floor(rnd() * 3 * DAY)) };
      const stages = ['scope', 'secret_scan', 'blocklist', 'rate_limit'];
      const deniedAt = rnd() < 0.25 ? Math.floor(rnd() * stages.length) : -1;
      for (const [i, stage] of stages.entries()) {
        if (deniedAt >= 0 && i > deniedAt) break;
        decisions.push(buildDecision({ ...base, stage, decision: i === deniedAt ? 'deny' : 'allow' }));
      }
    }
    await insertRequests(t.get(DataSource), rows);
    await insertDecisions(t.get(DataSource), decisions);
  });
  afterAll(async () => {
    await t.close();
  });

  const inWindow = (r: { created_at: Date }) => r.created_at >= new Date(FROM) && r.created_at < new Date(TO);
  const query = (extra: Record<string, unknown> = {}) => ({ from: FROM, to: TO, limit: 1000, ...extra });

  it('costs by model equal the sums of the rows, in microdollars and dollars, with totals', async () => {
    const report = await analytics.costs(admin, query({ group_by: 'model' }));
    const window = rows.filter(inWindow);
    const expected = [...groupBy(window, (r) => r.model)].map(([key, g]) => ({
      key,
      requests: g.length,
      input_tokens: sum(g, (r) => r.input_tokens),
      output_tokens: sum(g, (r) => r.output_tokens),
      cache_read_tokens: sum(g, (r) => r.cache_read_tokens),
      cache_write_tokens: sum(g, (r) => r.cache_write_tokens),
      cost_microdollars: sum(g, (r) => r.cost_microdollars),
      cost_usd: sum(g, (r) => r.cost_microdollars) / 1e6,
    }));
    expect(report.scope).toBe('all');
    expect(report.total).toBe(expected.length);
    expect(report.items).toEqual(expected.sort((a, b) => b.cost_microdollars - a.cost_microdollars));
    expect(report.totals.cost_microdollars).toBe(sum(window, (r) => r.cost_microdollars));
    expect(report.totals.requests).toBe(window.length);
  });

  it('requests by UTC day: counts, failures and latency p50/p95 (percentile_cont over successful rows)', async () => {
    const report = await analytics.requests(admin, query({ group_by: 'day' }));
    const days = groupBy(rows.filter(inWindow), (r) => r.created_at.toISOString().slice(0, 10));
    expect(report.items.map((i) => i.key)).toEqual([...days.keys()].sort());
    for (const item of report.items) {
      const g = days.get(item.key)!;
      const ok = g.filter(succeeded).map((r) => r.latency_ms);
      expect(item.requests).toBe(g.length);
      expect(item.failed).toBe(g.filter((r) => !succeeded(r)).length);
      expect(item.latency_p50_ms).toBeCloseTo(percentileCont(ok, 0.5)!, 6);
      expect(item.latency_p95_ms).toBeCloseTo(percentileCont(ok, 0.95)!, 6);
    }
  });

  it('by hour, buckets are UTC hours in time order', async () => {
    const report = await analytics.requests(admin, query({ group_by: 'hour' }));
    const hours = groupBy(rows.filter(inWindow), (r) => `${r.created_at.toISOString().slice(0, 13)}:00Z`);
    expect(report.total).toBe(hours.size);
    expect(report.items.map((i) => [i.key, i.requests])).toEqual([...hours].map(([k, g]) => [k, g.length]).sort());
  });

  it('counts a row at `from` and none at `to`: the window is [from, to)', async () => {
    const edge = await analytics.costs(admin, { from: FROM, to: new Date(T0.getTime() + 1).toISOString(), group_by: 'user' });
    const atFrom = rows.filter((r) => r.created_at.getTime() === T0.getTime());
    expect(edge.totals.requests).toBe(atFrom.length);
    expect(edge.totals.cost_microdollars).toBe(sum(atFrom, (r) => r.cost_microdollars));
    const all = await analytics.costs(admin, query());
    expect(all.totals.cost_microdollars).toBeLessThan(1_000_000_000);
  });

  it('a user sees only their own rows; an auditor sees everyone’s', async () => {
    const own = await analytics.costs(as('developer', USERS[1]!), query({ group_by: 'user' }));
    expect(own.scope).toBe('own');
    expect(own.items).toHaveLength(1);
    expect(own.items[0]!.key).toBe(USERS[1]);
    expect(own.totals.requests).toBe(rows.filter(inWindow).filter((r) => r.user_id === USERS[1]).length);
    const audit = await analytics.costs(as('auditor', randomUUID()), query({ group_by: 'user' }));
    expect(audit.scope).toBe('all');
    expect(audit.items.map((i) => i.key).sort()).toEqual([...USERS].sort());
    const nobody = await analytics.costs(as('user', null), query());
    expect(nobody.totals.requests).toBe(0);
  });

  it('agents: only rows with an agent, with distinct users and sessions', async () => {
    const report = await analytics.agents(admin, query());
    const byAgent = groupBy(rows.filter(inWindow).filter((r) => r.agent !== null), (r) => r.agent);
    expect(report.items.map((i) => i.key).sort()).toEqual([...byAgent.keys()].sort());
    for (const item of report.items) {
      const g = byAgent.get(item.key)!;
      expect(item).toMatchObject({ requests: g.length, users: new Set(g.map((r) => r.user_id)).size, sessions: new Set(g.map((r) => r.session_id)).size });
    }
  });

  it('sessions: one row per session, most recent first, paginated with a total', async () => {
    const sessions = groupBy(rows.filter(inWindow).filter((r) => r.session_id !== null), (r) => r.session_id);
    const expected = [...sessions]
      .map(([id, g]) => ({ session_id: id, requests: g.length, last_at: new Date(Math.max(...g.map((r) => r.created_at.getTime()))).toISOString(), cost: sum(g, (r) => r.cost_microdollars) }))
      .sort((a, b) => b.last_at.localeCompare(a.last_at));
    const first = await analytics.sessions(admin, query({ limit: 5 }));
    expect(first.total).toBe(expected.length);
    expect((first.items as SessionItemDto[]).map((i) => [i.session_id, i.requests, i.last_at, i.cost_microdollars])).toEqual(expected.slice(0, 5).map((e) => [e.session_id, e.requests, e.last_at, e.cost]));
    const second = await analytics.sessions(admin, query({ limit: 5, offset: 5 }));
    expect((second.items as SessionItemDto[]).map((i) => i.session_id)).toEqual(expected.slice(5, 10).map((e) => e.session_id));
    const past = await analytics.sessions(admin, query({ offset: 10_000 }));
    expect(past).toMatchObject({ items: [], total: expected.length });
    const perUser = await analytics.sessions(admin, query({ group_by: 'user' }));
    expect(perUser.items.map((i) => ('sessions' in i ? [i.key, i.sessions] : null)).sort()).toEqual(
      [...groupBy([...sessions.values()].map((g) => g[0]!), (r) => r.user_id)].map(([k, g]) => [k, g.length]).sort(),
    );
  });

  it('tools: calls, allowed and denied from governance_decisions (one row per stage verdict)', async () => {
    const report = await analytics.tools(admin, query());
    const byTool = groupBy(decisions, (d) => d.tool);
    expect(report.total).toBe(byTool.size);
    for (const item of report.items) {
      const g = byTool.get(item.key)!;
      const calls = new Set(g.map((d) => d.trace_id)).size;
      const denied = g.filter((d) => d.decision === 'deny').length;
      expect(item).toEqual({ key: item.key, calls, denied, allowed: calls - denied, decisions: g.length });
    }
    const overview = await analytics.overview(admin, query());
    expect(overview.governance).toEqual({ calls: 200, denied: decisions.filter((d) => d.decision === 'deny').length, allowed: 200 - decisions.filter((d) => d.decision === 'deny').length, decisions: decisions.length });
  });

  it('overview totals', async () => {
    const window = rows.filter(inWindow);
    const overview = await analytics.overview(admin, query());
    expect(overview.requests).toMatchObject({
      requests: window.length,
      failed: window.filter((r) => !succeeded(r)).length,
      cost_microdollars: sum(window, (r) => r.cost_microdollars),
      users: new Set(window.map((r) => r.user_id)).size,
      sessions: new Set(window.filter((r) => r.session_id).map((r) => r.session_id)).size,
    });
    expect(overview.requests.latency_p95_ms).toBeCloseTo(percentileCont(window.filter(succeeded).map((r) => r.latency_ms), 0.95)!, 6);
  });

  it('refuses a group_by the report does not take, and an empty window', async () => {
    await expect(analytics.costs(admin, query({ group_by: 'tool' }))).rejects.toThrow(new AnalyticsError('GROUP_BY_NOT_APPLICABLE', "group_by 'tool' does not apply to costs; use one of: model, provider, user, tenant, agent, day, hour"));
    await expect(analytics.tools(admin, query({ group_by: 'model' }))).rejects.toThrow("group_by 'model' does not apply to tools; use one of: tool, user, tenant, day, hour");
    await expect(analytics.overview(admin, query({ group_by: 'day' }))).rejects.toThrow("group_by 'day' does not apply to overview; overview takes no group_by");
    await expect(analytics.costs(admin, { from: TO, to: TO })).rejects.toThrow('from must be earlier than to');
  });
});
