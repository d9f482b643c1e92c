import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { json, openSse, type SseConnection } from '../e2e/events/sse-client';
import { startMockAnthropic } from '../mocks/mock-anthropic';
import type { MockServer } from '../mocks/mock-server';
import { ROOT } from '../utils/built-dist';
import { call, concurrently, createUser, evaluate, message, query, recordedTraces, traceId, waitUntil, type ClusterUser } from './client';
import { type Cluster, NGINX, NO_NGINX, type Replica, startCluster } from './harness';
import { type OauthFlows, oauthFlows } from './oauth-flows';

/**
 * Two replicas of the built server started together on one empty database, sharing Redis,
 * with nginx in front: what a load balancer may send to either replica must behave as one
 * gateway. Callers alternate between replica A, replica B and the balancer.
 */
const TOOL_CALLS_PER_MINUTE = 20;
/** mock-anthropic reports 25 input tokens; at 400 µ$ per input token a request costs $0.01. */
const REQUEST_COST_USD = 0.01;
const SPEND_CAP_USD = 0.3;
const SPENDER = 'spender@cluster.test';

const eventsBuilt = existsSync(join(ROOT, 'dist/src/modules/events/events.controller.js'));
const oauthBuilt = existsSync(join(ROOT, 'dist/src/modules/oauth/grants/token.controller.js'));

describe(`two replicas behind nginx (cluster)${NO_NGINX}`, () => {
  let upstream: MockServer;
  let cluster: Cluster;
  let a: Replica;
  let b: Replica;
  /** A, B and (when nginx is there) the balancer. */
  let targets: string[];
  const streams: SseConnection[] = [];

  beforeAll(async () => {
    upstream = await startMockAnthropic();
    cluster = await startCluster({
      upstreamUrl: upstream.url,
      profile: {
        governance: { rate_limits: { tool_calls_per_minute: TOOL_CALLS_PER_MINUTE } },
        gateway: { budgets: [{ scope: 'user', period: 'day', limit_usd: SPEND_CAP_USD, subject: SPENDER }] },
      },
    });
    ({ a, b } = cluster.replicas as { a: Replica; b: Replica });
    targets = [a.url, b.url, ...(cluster.balancer ? [cluster.balancer] : [])];
    if (!cluster.balancer) process.stdout.write(`cluster: nginx missing, calls go to the replicas directly${NO_NGINX}\n`);
  }, 180_000);

  afterAll(async () => {
    for (const s of streams) s.close();
    await cluster?.close();
    await upstream?.close();
  }, 60_000);

  afterEach(() => {
    // Whatever a test did, neither replica may have died doing it.
    expect([a.alive, b.alive]).toEqual([true, true]);
  });

  it('started together on an empty database: every migration ran once and there is one admin', async () => {
    // The migrations of the build that ran, not of the sources (dist/ may lag behind them).
    const { CORE_MIGRATIONS } = require(join(ROOT, 'dist/migrations/index.js')) as typeof import('../../migrations');
    const migrations = await query<{ name: string; n: number }>(cluster.databaseUrl, 'SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name');
    const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
    expect(migrations.sort(byName)).toEqual(CORE_MIGRATIONS.map((m) => ({ name: m.name, n: 1 })).sort(byName));
    const admins = await query<{ n: number }>(cluster.databaseUrl, `SELECT count(*)::int AS n FROM users WHERE role = 'admin'`);
    expect(admins).toEqual([{ n: 1 }]);
    for (const base of targets) expect((await call(base, '/api/v1/users/me', { token: cluster.adminToken })).status).toBe(200);
  });

  it(`admits exactly ${TOOL_CALLS_PER_MINUTE} tool calls per minute across both replicas under 50 concurrent callers`, async () => {
    const user = await createUser(a.url, cluster.adminToken);
    const results = await concurrently(100, 50, (i) => evaluate(targets[i % targets.length]!, user.token));
    const allowed = results.filter((r) => r.status === 200 && r.body.decision === 'allow');
    const denied = results.filter((r) => r.status === 200 && r.body.decision === 'deny');
    const perTarget = targets.map((_, t) => results.filter((r, i) => i % targets.length === t && r.body?.decision === 'allow').length);
    process.stdout.write(`rate limit ${TOOL_CALLS_PER_MINUTE}/min: ${allowed.length} allowed of ${results.length} (per target A/B/balancer ${perTarget.join('/')})\n`);
    expect(allowed).toHaveLength(TOOL_CALLS_PER_MINUTE);
    expect(denied).toHaveLength(results.length - TOOL_CALLS_PER_MINUTE);
    for (const d of denied) expect(d.body).toMatchObject({ stage: 'rate_limit', code: 'RATE_LIMITED' });
  });

  it('never overspends a spend cap by more than the requests already in flight', async () => {
    const user = await createUser(a.url, cluster.adminToken, { email: SPENDER });
    const callers = 20;
    const statuses: number[] = [];
    let refusal = '';
    await Promise.all(
      Array.from({ length: callers }, async (_, c) => {
        for (let n = 0; n < 50; n++) {
          const res = await message(targets[(c + n) % targets.length]!, user.token, traceId('spend'));
          statuses.push(res.status);
          if (res.status !== 200) {
            refusal = res.text;
            return;
          }
        }
      }),
    );
    const admitted = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(refusal).toMatch(/daily spend cap of \$0\.3 is reached/);
    // Admission checks the shared total before forwarding; charges land after the answer. Once
    // the total reaches the cap, only requests that already passed the check (at most one
    // per caller) can still add to it.
    const spent = await waitForSpend(user, admitted);
    const capRequests = Math.round(SPEND_CAP_USD / REQUEST_COST_USD);
    const overshoot = spent - SPEND_CAP_USD;
    process.stdout.write(
      `spend cap $${SPEND_CAP_USD}: ${admitted} admitted by ${callers} callers, spent $${spent.toFixed(2)}, overshoot $${overshoot.toFixed(2)} (${Math.round(overshoot / REQUEST_COST_USD)} request(s); bound ${callers})\n`,
    );
    expect(spent).toBeCloseTo(admitted * REQUEST_COST_USD, 6);
    expect(admitted).toBeGreaterThanOrEqual(capRequests);
    expect(overshoot).toBeLessThanOrEqual(callers * REQUEST_COST_USD + 1e-9);
    for (const base of [a.url, b.url]) expect((await message(base, user.token, traceId('spend-after'))).status).toBe(429);
  });

  async function waitForSpend(user: ClusterUser, admitted: number): Promise<number> {
    let spentMicro = 0;
    await waitUntil(
      async () => {
        const [row] = await query<{ n: number; cost: string }>(cluster.databaseUrl, 'SELECT count(*)::int AS n, coalesce(sum(cost_microdollars), 0) AS cost FROM ai_requests WHERE user_id = $1 AND status = 200', [user.id]);
        spentMicro = Number(row!.cost);
        return row!.n === admitted;
      },
      10_000,
      'spend rows written',
      50,
    );
    return spentMicro / 1_000_000;
  }

  it('a PAT revoked on replica A is refused on replica B within 1 s', async () => {
    const user = await createUser(a.url, cluster.adminToken);
    // B verifies the token once and keeps it in its identity cache.
    for (let i = 0; i < 3; i++) expect((await call(b.url, '/api/v1/users/me', { token: user.token })).status).toBe(200);
    const revoke = await call(a.url, `/api/v1/users/${user.id}/tokens/${user.tokenId}`, { method: 'DELETE', token: cluster.adminToken });
    expect(revoke.status).toBe(204);
    const delay = await waitUntil(async () => (await call(b.url, '/api/v1/users/me', { token: user.token })).status === 401, 1000, 'revoked token refused on B', 5);
    process.stdout.write(`revocation: PAT revoked on A refused on B after ${delay} ms\n`);
    for (const base of targets) expect((await call(base, '/api/v1/users/me', { token: user.token })).status).toBe(401);
  });

  (eventsBuilt ? it : it.skip)(`an SSE subscriber on A receives the event of a gateway request served by B${eventsBuilt ? '' : ' [SKIPPED: GET /api/v1/events/stream is not built yet]'}`, async () => {
    const user = await createUser(a.url, cluster.adminToken);
    const subscribers = [a.url, ...(cluster.balancer ? [cluster.balancer] : [])];
    for (const base of subscribers) {
      const stream = await openSse(`${base}/api/v1/events/stream?types=ai.request.completed`, { authorization: `Bearer ${user.token}` });
      streams.push(stream);
      expect(stream.status).toBe(200);
    }
    const trace = traceId('sse');
    const started = Date.now();
    expect((await message(b.url, user.token, trace)).status).toBe(200);
    for (const stream of streams.slice(-subscribers.length)) {
      const event = await stream.waitFor((e) => json(e).trace_id === trace, 5000);
      expect(event.event).toBe('ai.request.completed');
      expect(json(event)).toMatchObject({ user_id: user.id, status: 200 });
    }
    process.stdout.write(`events: B's gateway event reached A's subscriber${cluster.balancer ? ' and the balancer subscriber' : ''} ${Date.now() - started} ms after the request\n`);
  });

  (eventsBuilt && NGINX ? it : it.skip)(`nginx spreads requests over both replicas${NO_NGINX}`, async () => {
    const user = await createUser(a.url, cluster.adminToken);
    const stream = await openSse(`${a.url}/api/v1/events/stream?types=ai.request.completed`, { authorization: `Bearer ${user.token}` });
    streams.push(stream);
    const traces = Array.from({ length: 10 }, () => traceId('spread'));
    for (const t of traces) expect((await message(cluster.balancer!, user.token, t)).status).toBe(200);
    const events = await Promise.all(traces.map((t) => stream.waitFor((e) => json(e).trace_id === t, 5000)));
    // Event ids are `<ms>-<replica>-<sequence>`: the replica that served the request.
    const served = new Set(events.map((e) => e.id!.split('-')[1]));
    expect(served.size).toBe(2);
  });

  (oauthBuilt ? describe : describe.skip)(`OAuth across replicas${oauthBuilt ? '' : ' [SKIPPED: the OAuth server (/api/v1/oauth/*) is not built yet]'}`, () => {
    let user: ClusterUser;
    let flows: OauthFlows;
    beforeAll(async () => {
      user = await createUser(a.url, cluster.adminToken);
      flows = await oauthFlows(a.url, user.token);
    });

    const refusedEverywhere = async (accessToken: string) => {
      for (const base of [a.url, b.url]) {
        await waitUntil(async () => (await call(base, '/api/v1/users/me', { token: accessToken })).status === 401, 1000, `access token refused on ${base}`);
      }
    };

    it('an authorization code redeemed on A cannot be replayed on B, and the replay revokes what it was exchanged for', async () => {
      const code = await flows.authorize(a.url);
      const tokens = await flows.redeem(a.url, code);
      expect(tokens.status).toBe(200);
      expect((await call(b.url, '/api/v1/users/me', { token: tokens.body.access_token })).status).toBe(200);
      const replay = await flows.redeem(b.url, code);
      expect(replay.status).toBe(400);
      expect(replay.body).toMatchObject({ error: 'invalid_grant' });
      await refusedEverywhere(tokens.body.access_token);
      expect((await flows.refresh(a.url, tokens.body.refresh_token)).body).toMatchObject({ error: 'invalid_grant' });
    });

    it('one code redeemed on A and B at the same moment is exchanged exactly once', async () => {
      const code = await flows.authorize(b.url);
      const answers = await Promise.all([flows.redeem(a.url, code), flows.redeem(b.url, code)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    });

    it.each([
      ['B', 'A'],
      ['A', 'B'],
    ])('a refresh token rotated on %s and reused on %s is refused and revokes the family', async (rotateOn, reuseOn) => {
      const on = (name: string) => (name === 'A' ? a.url : b.url);
      const first = await flows.redeem(a.url, await flows.authorize(a.url));
      const second = await flows.refresh(on(rotateOn), first.body.refresh_token);
      expect(second.status).toBe(200);
      expect((await call(on(reuseOn), '/api/v1/users/me', { token: second.body.access_token })).status).toBe(200);
      const reuse = await flows.refresh(on(reuseOn), first.body.refresh_token);
      expect(reuse.body).toMatchObject({ error: 'invalid_grant' });
      // The newest refresh token of the family dies too, on either replica, and so do its access tokens.
      expect((await flows.refresh(on(rotateOn), second.body.refresh_token)).body).toMatchObject({ error: 'invalid_grant' });
      await refusedEverywhere(second.body.access_token);
    });
  });

  it('an upstream reset mid-stream reaches the client as an SSE error event and is recorded as an error', async () => {
    const user = await createUser(a.url, cluster.adminToken);
    const trace = traceId('reset');
    const res = await message(cluster.balancer ?? a.url, user.token, trace, { stream: true, text: 'please reset' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('event: message_start');
    expect(res.text).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"\w+","message":"[^"]+"\}/);
    expect(res.text).not.toContain('event: message_stop');
    let row: { status: number; error_type: string | null } | undefined;
    await waitUntil(async () => (row = (await recordedTraces(cluster.databaseUrl, [trace])).get(trace)) !== undefined, 5000, 'reset request recorded', 50);
    process.stdout.write(`upstream reset: recorded with status ${row!.status}, error_type ${row!.error_type}\n`);
    expect(row!.status).toBeGreaterThanOrEqual(500);
    expect(row!.error_type).toEqual(expect.any(String));
  });
});
