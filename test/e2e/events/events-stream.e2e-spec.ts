import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { DomainEventPublisher } from '../../../src/common/events/domain-event.publisher';
import { EventHubService } from '../../../src/modules/events/stream/event-hub.service';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { createTestApp, type TestApp } from '../../utils/test-app';
import { startGatewayFixture, type GatewayFixture } from '../gateway/gateway-fixture';
import { json, openSse, type SseConnection } from './sse-client';
import { until } from './until';

const EVENT_ID = /^\d{13}-[0-9a-f]{8}-[0-9a-f]{8}$/;


/** The SSE event stream on one instance: what each role sees, filters, resume, heartbeats. */
describe('events stream (e2e)', () => {
  let f: GatewayFixture;
  let user: CreatedUser;
  let other: CreatedUser;
  let auditor: CreatedUser;
  const open: SseConnection[] = [];

  beforeAll(async () => {
    f = await startGatewayFixture({ profile: 'observability:\n  events: { heartbeat_ms: 100, resume_buffer: 50 }\n' });
    user = await createUser(f.t);
    other = await createUser(f.t);
    auditor = await createUser(f.t, { role: 'auditor' });
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  afterAll(async () => {
    await f.close();
  });

  const stream = async (token: string | null, query = '', headers: Record<string, string> = {}) => {
    const c = await openSse(`${f.t.url}/api/v1/events/stream${query}`, { ...(token ? bearer(token) : {}), ...headers });
    open.push(c);
    return c;
  };
  const publisher = () => f.t.get<DomainEventPublisher>(DomainEventPublisher);
  const denial = (userId: string | null, traceId = randomUUID()) =>
    publisher().emit('governance.decision', {
      trace_id: traceId,
      user_id: userId,
      tenant_id: null,
      session_id: 's-1',
      principal: 'user',
      tool: 'bash',
      server: null,
      decision: 'deny',
      stage: 'blocklist',
      code: 'BLOCKLISTED',
      reason: 'destructive command',
      policy_version: 'v1',
    });

  it('refuses anonymous callers (401) and unknown types (400, exact body) before streaming', async () => {
    const anonymous = await f.t.inject({ method: 'GET', url: '/api/v1/events/stream' });
    expect(anonymous.statusCode).toBe(401);
    const bad = await f.t.inject({ method: 'GET', url: '/api/v1/events/stream?types=ai.request.completed,nope.nothing', headers: { ...bearer(user.token), 'x-trace-id': 'trace-bad-types' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringMatching(/^Unknown event type\(s\): nope\.nothing; expected any of ai\.request\.completed, /),
      trace_id: 'trace-bad-types',
    });
    const badId = await f.t.inject({ method: 'GET', url: '/api/v1/events/stream', headers: { ...bearer(user.token), 'last-event-id': 'garbage' } });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().message).toBe('Last-Event-ID is not an id this stream issued');
  });

  it('streams the event of a real gateway request to its user, with a sortable id', async () => {
    const c = await stream(user.token, '?types=ai.request.completed');
    expect(c.status).toBe(200);
    expect(c.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const res = await f.t.inject({ method: 'POST', url: '/v1/messages', headers: { ...bearer(user.token), 'x-trace-id': 'trace-sse-gateway-1' }, payload: { model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] } });
    expect(res.statusCode).toBe(200);
    const event = await c.waitFor((e) => json(e).trace_id === 'trace-sse-gateway-1');
    expect(event.event).toBe('ai.request.completed');
    expect(event.id).toMatch(EVENT_ID);
    expect(json(event)).toMatchObject({ user_id: user.id, model: 'claude-sonnet-4-5', provider: 'anthropic', input_tokens: 25, output_tokens: 12, status: 200 });
  });

  it('streams a governance denial; users see only their own events, auditors and admins all', async () => {
    const own = await stream(user.token);
    const stranger = await stream(other.token);
    const audit = await stream(auditor.token, '?types=governance.decision');
    const admin = await stream(f.t.adminToken, '?types=governance.decision');
    const trace = randomUUID();
    denial(user.id, trace);
    denial(other.id, `marker-${trace}`);
    for (const c of [own, audit, admin]) {
      const e = await c.waitFor((x) => json(x).trace_id === trace);
      expect(e.event).toBe('governance.decision');
      expect(json(e)).toMatchObject({ decision: 'deny', stage: 'blocklist', user_id: user.id, reason: 'destructive command' });
    }
    // The stranger's own event arrives after the user's one: had the user's been visible, it would be there.
    await stranger.waitFor((x) => json(x).trace_id === `marker-${trace}`);
    expect(stranger.events.some((x) => json(x).trace_id === trace)).toBe(false);
    await audit.waitFor((x) => json(x).trace_id === `marker-${trace}`);
  });

  it('streams the denial of a real governance evaluation to its user', async () => {
    const c = await stream(user.token, '?types=governance.decision');
    const res = await f.t.inject({
      method: 'POST',
      url: '/api/v1/governance/evaluate',
      headers: { ...bearer(user.token), 'x-trace-id': 'trace-sse-governance-1' },
      payload: { tool_name: 'mcp__systemprompt__delete_user', tool_input: {} },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ decision: 'deny', stage: 'scope' });
    const e = await c.waitFor((x) => json(x).trace_id === 'trace-sse-governance-1');
    expect(json(e)).toMatchObject({ decision: 'deny', stage: 'scope', user_id: user.id });
  });

  it('filters by types', async () => {
    const c = await stream(f.t.adminToken, '?types=user.created');
    denial(user.id);
    const created = await createUser(f.t);
    const e = await c.waitFor((x) => x.event === 'user.created' && json(x).created_user_id === created.id);
    expect(c.events.every((x) => x.event === 'user.created')).toBe(true);
    expect(e.id).toMatch(EVENT_ID);
  });

  it('resumes after Last-Event-ID from the buffer, in order, without repeating', async () => {
    const first = await stream(user.token, '?types=governance.decision');
    const traces = [randomUUID(), randomUUID(), randomUUID()];
    denial(user.id, traces[0]);
    const seen = await first.waitFor((x) => json(x).trace_id === traces[0]);
    first.close();
    denial(user.id, traces[1]);
    denial(other.id, randomUUID());
    denial(user.id, traces[2]);
    const resumed = await stream(user.token, '?types=governance.decision', { 'last-event-id': seen.id! });
    await resumed.waitFor((x) => json(x).trace_id === traces[2]);
    const got = resumed.events.map((x) => json(x).trace_id);
    expect(got).toEqual([traces[1], traces[2]]);
    const ids = resumed.events.map((x) => x.id!);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => id > seen.id!)).toBe(true);
  });

  it('sends heartbeat comments on the configured interval', async () => {
    const c = await stream(user.token);
    await c.waitForComment((x) => x === 'heartbeat');
  });

  it('counts subscribers and forgets them when they disconnect', async () => {
    const hub = f.t.get<EventHubService>(EventHubService);
    await until(() => hub.subscriberCount === 0); // the previous tests' connections, closing
    const c = await stream(user.token);
    expect(hub.subscriberCount).toBe(1);
    const metrics = await f.t.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^sp_sse_subscribers 1$/m);
    c.close();
    await until(() => hub.subscriberCount === 0);
  });
});

/** A slow consumer on its own instance: the flood stays in-process (no 25 MB through a shared Redis). */
describe('events stream, slow consumers (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ listen: true, redis: false, profile: 'observability:\n  events: { subscriber_queue: 8 }\n' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('drops a subscriber that stops reading once its queue is full, and counts it', async () => {
    const user = await createUser(t);
    const hub = t.get<EventHubService>(EventHubService);
    const { port } = new URL(t.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write(`GET /api/v1/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${user.token}\r\n\r\n`);
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.pause(); // a consumer that stops reading
    expect(hub.subscriberCount).toBe(1);
    const publisher = t.get<DomainEventPublisher>(DomainEventPublisher);
    const big = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 1000 && hub.subscriberCount > 0; i++) {
      publisher.emit('governance.decision', { trace_id: `flood-${i}`, user_id: user.id, tenant_id: null, session_id: 's', principal: 'user', tool: 't', server: null, decision: 'allow', stage: null, code: null, reason: big, policy_version: 'v1' });
      await new Promise((r) => setImmediate(r));
    }
    await until(() => hub.subscriberCount === 0);
    const metrics = await t.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^sp_sse_subscribers_dropped_total 1$/m);
    socket.destroy();
  });
});
