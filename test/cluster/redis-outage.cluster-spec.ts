import { startMockAnthropic } from '../mocks/mock-anthropic';
import type { MockServer } from '../mocks/mock-server';
import { type Answer, call, createUser, evaluate, message, traceId, waitUntil } from './client';
import { type Cluster, NO_NGINX, type Replica, startCluster } from './harness';
import { startThrowawayRedis, type ThrowawayServer } from './throwaway';

interface Outcome {
  /** When the request was sent: a request sent before the outage may be answered after it. */
  at: number;
  kind: 'evaluate' | 'gateway';
  status: number;
  verdict: 'served' | 'refused' | 'other';
  detail: string;
}

/** Served normally, or the clear fail_closed refusal; anything else is a wrong fail mode. */
function classify(kind: Outcome['kind'], res: Answer, sentAt = Date.now()): Outcome {
  const body = res.body as { decision?: string; stage?: string; code?: string; error?: { message?: string } } | null;
  let verdict: Outcome['verdict'] = 'other';
  if (kind === 'evaluate' && res.status === 200) {
    if (body?.decision === 'allow') verdict = 'served';
    else if (body?.stage === 'rate_limit' && body.code === 'LIMITER_UNAVAILABLE') verdict = 'refused';
  }
  if (kind === 'gateway') {
    if (res.status === 200) verdict = 'served';
    else if (res.status === 503 && /Rate limits are unavailable .*refusing by policy fail_closed/.test(body?.error?.message ?? '')) verdict = 'refused';
  }
  return { at: sentAt, kind, status: res.status, verdict, detail: res.text.slice(0, 300) };
}

/**
 * Redis (rate limits, revocation fan-out, events) stopped while two replicas are under load,
 * with `rate_limits.fail_mode` left at its default, fail_closed.
 */
describe(`Redis stopped under load (cluster)${NO_NGINX}`, () => {
  let redis: ThrowawayServer;
  let upstream: MockServer;
  let cluster: Cluster;
  let replicas: Replica[];
  let targets: string[];

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    upstream = await startMockAnthropic();
    cluster = await startCluster({ upstreamUrl: upstream.url, redisUrl: redis.url });
    replicas = ['a', 'b'].map((name) => cluster.replicas[name]!);
    targets = [...replicas.map((r) => r.url), ...(cluster.balancer ? [cluster.balancer] : [])];
  }, 180_000);

  afterAll(async () => {
    await cluster?.close();
    await upstream?.close();
    await redis?.destroy();
  }, 60_000);

  it('refuses clearly while Redis is away, never crashes, and recovers by itself when it returns', async () => {
    const user = await createUser(replicas[0]!.url, cluster.adminToken);
    const outcomes: Outcome[] = [];
    let loading = true;
    const load = Array.from({ length: 8 }, async (_, i) => {
      for (let n = 0; loading; n++) {
        const base = targets[(i + n) % targets.length]!;
        const sentAt = Date.now();
        const [e, g] = await Promise.all([evaluate(base, user.token), message(base, user.token, traceId('redis'))]);
        outcomes.push(classify('evaluate', e, sentAt), classify('gateway', g, sentAt));
      }
    });
    await waitUntil(() => outcomes.length >= 50, 20_000, 'load running');

    const stoppedAt = Date.now();
    await redis.stop();
    const refusedIn = await waitUntil(async () => {
      for (const base of targets) {
        if (classify('evaluate', await evaluate(base, user.token)).verdict !== 'refused') return false;
        if (classify('gateway', await message(base, user.token, traceId('redis-probe'))).verdict !== 'refused') return false;
      }
      return true;
    }, 10_000, 'clear refusals on every replica');
    const before = outcomes.length;
    await waitUntil(() => outcomes.length >= before + 100, 20_000, 'load during the outage');

    const restartedAt = Date.now();
    await redis.start();
    const recovery = await Promise.all(
      replicas.map((r) =>
        waitUntil(
          async () => classify('evaluate', await evaluate(r.url, user.token)).verdict === 'served' && classify('gateway', await message(r.url, user.token, traceId('redis-back'))).verdict === 'served',
          30_000,
          `replica ${r.name} serving again`,
          50,
        ),
      ),
    );
    loading = false;
    await Promise.all(load);

    const during = outcomes.filter((o) => o.at > stoppedAt + refusedIn && o.at < restartedAt);
    const count = (list: Outcome[], verdict: Outcome['verdict']) => list.filter((o) => o.verdict === verdict).length;
    const afterStop = outcomes.filter((o) => o.at > stoppedAt && o.at < restartedAt);
    const firstRefusal = Math.min(...afterStop.filter((o) => o.verdict === 'refused').map((o) => o.at)) - stoppedAt;
    const lastServed = Math.max(0, ...afterStop.filter((o) => o.verdict === 'served').map((o) => o.at - stoppedAt));
    process.stdout.write(
      `redis outage: first refusal ${firstRefusal} ms and last success ${lastServed} ms after the stop, every replica refusing by ${refusedIn} ms; ` +
        `during the outage ${count(during, 'refused')} refused, ${count(during, 'served')} served, ${count(during, 'other')} other; ` +
        `service back ${recovery.map((ms, i) => `${replicas[i]!.name} ${ms} ms`).join(', ')} after Redis returned; ${outcomes.length} calls in all\n`,
    );
    expect(replicas.map((r) => r.alive)).toEqual(replicas.map(() => true));
    expect(outcomes.filter((o) => o.verdict === 'other')).toEqual([]);
    expect(count(during, 'refused')).toBeGreaterThan(0);
    expect(during.filter((o) => o.verdict === 'served')).toEqual([]);

    // Pub/sub resubscribed: a revocation on one replica reaches the other's identity cache again.
    const [a, b] = replicas as [Replica, Replica];
    const other = await createUser(a.url, cluster.adminToken);
    for (let i = 0; i < 3; i++) expect((await call(b.url, '/api/v1/users/me', { token: other.token })).status).toBe(200);
    expect((await call(a.url, `/api/v1/users/${other.id}/tokens/${other.tokenId}`, { method: 'DELETE', token: cluster.adminToken })).status).toBe(204);
    const delay = await waitUntil(async () => (await call(b.url, '/api/v1/users/me', { token: other.token })).status === 401, 1000, 'revocation after recovery', 5);
    process.stdout.write(`redis outage: after recovery a revocation on A reached B in ${delay} ms\n`);
  }, 120_000);
});
