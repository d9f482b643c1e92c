import { randomUUID } from 'node:crypto';
import { DomainEventPublisher } from '../../../src/common/events/domain-event.publisher';
import { EventIdFactory } from '../../../src/modules/events/stream/event-id.factory';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { startMockAnthropic } from '../../mocks/mock-anthropic';
import type { MockServer } from '../../mocks/mock-server';
import { createTestApp, type TestApp } from '../../utils/test-app';
import { createTestDatabase, type TestDatabase } from '../../utils/test-database';
import { json, openSse, type SseConnection } from './sse-client';

/**
 * Two replicas sharing Redis and PostgreSQL: a subscriber on one sees the other's events, and
 * may resume on either. The embedded database is one process's and an in-process pub/sub
 * reaches no other instance, so without both servers there is nothing to test.
 */
const shared = Boolean(process.env.REDIS_URL) && Boolean(process.env.DATABASE_URL?.startsWith('postgres'));
const reason = shared ? '' : ' [SKIPPED: needs DATABASE_URL=postgres://… and REDIS_URL; the embedded database and in-process pub/sub cannot be shared by two instances]';

(shared ? describe : describe.skip)(`events across two replicas (e2e)${reason}`, () => {
  let upstream: MockServer;
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let user: CreatedUser;
  const open: SseConnection[] = [];

  beforeAll(async () => {
    upstream = await startMockAnthropic();
    db = await createTestDatabase();
    const profile = `gateway:\n  routes:\n    - { model_pattern: "claude-*", provider: anthropic, endpoint: "${upstream.url}/v1" }\n`;
    a = await createTestApp({ profile, database: db, listen: true });
    b = await createTestApp({ profile, database: db, listen: true, adminToken: a.adminToken });
    user = await createUser(a);
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await a?.close();
    await b?.close();
    await db?.drop();
    await upstream?.close();
  });

  const stream = async (app: TestApp, token: string, headers: Record<string, string> = {}) => {
    const c = await openSse(`${app.url}/api/v1/events/stream?types=ai.request.completed,governance.decision`, { ...bearer(token), ...headers });
    open.push(c);
    expect(c.status).toBe(200);
    return c;
  };
  const decision = (app: TestApp, traceId: string) =>
    app.get<DomainEventPublisher>(DomainEventPublisher).emit('governance.decision', {
      trace_id: traceId, user_id: user.id, tenant_id: null, session_id: 's', principal: 'user', tool: 'bash', server: null,
      decision: 'deny', stage: 'blocklist', code: 'BLOCKLISTED', reason: 'destructive command', policy_version: 'v1',
    });

  it('a subscriber on replica A receives the gateway and governance events of replica B', async () => {
    const admin = await stream(a, a.adminToken);
    const own = await stream(a, user.token);
    const res = await b.inject({ method: 'POST', url: '/v1/messages', headers: { ...bearer(user.token), 'x-trace-id': 'trace-cluster-gateway' }, payload: { model: 'claude-sonnet-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] } });
    expect(res.statusCode).toBe(200);
    decision(b, 'trace-cluster-denial');
    const replicaB = b.get<EventIdFactory>(EventIdFactory).replica;
    expect(replicaB).not.toBe(a.get<EventIdFactory>(EventIdFactory).replica);
    for (const c of [admin, own]) {
      const gateway = await c.waitFor((e) => json(e).trace_id === 'trace-cluster-gateway');
      expect(gateway.event).toBe('ai.request.completed');
      expect(gateway.id!.split('-')[1]).toBe(replicaB);
      const denial = await c.waitFor((e) => json(e).trace_id === 'trace-cluster-denial');
      expect(json(denial)).toMatchObject({ decision: 'deny', user_id: user.id });
    }
  });

  it('a client that saw an event on A resumes on B from its Last-Event-ID', async () => {
    const onA = await stream(a, user.token);
    const onB = await stream(b, user.token);
    const first = randomUUID();
    decision(a, first);
    const seen = await onA.waitFor((e) => json(e).trace_id === first);
    await onB.waitFor((e) => json(e).trace_id === first); // B has it in its buffer now
    onA.close();
    const second = randomUUID();
    decision(b, second);
    decision(a, randomUUID().replace(/^/, 'later-'));
    const resumed = await stream(b, user.token, { 'last-event-id': seen.id! });
    await resumed.waitFor((e) => json(e).trace_id === second);
    expect(resumed.events.some((e) => json(e).trace_id === first)).toBe(false);
  });
});
