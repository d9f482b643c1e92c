import { startMockAnthropic } from '../mocks/mock-anthropic';
import type { MockServer } from '../mocks/mock-server';
import { call, concurrently, createUser, message, recordedTraces, traceId, waitUntil } from './client';
import { type Cluster, type Replica, startCluster } from './harness';
import { startThrowawayPostgres, type ThrowawayServer } from './throwaway';

/**
 * PostgreSQL (a throwaway server of its own) stopped under two replicas: readiness says so,
 * callers whose identity is cached are still served, their request records wait in the
 * bounded queue, and every answered request has its row once the database is back.
 */
describe('PostgreSQL unreachable (cluster)', () => {
  let pg: ThrowawayServer;
  let upstream: MockServer;
  let cluster: Cluster;
  let replicas: Replica[];

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    upstream = await startMockAnthropic();
    cluster = await startCluster({ upstreamUrl: upstream.url, databaseServerUrl: pg.url, balancer: false });
    replicas = ['a', 'b'].map((name) => cluster.replicas[name]!);
  }, 180_000);

  afterAll(async () => {
    await cluster?.close();
    await upstream?.close();
    await pg?.destroy();
  }, 60_000);

  const readiness = async () => Promise.all(replicas.map(async (r) => (await call(r.url, '/health/ready')).status));

  it('turns /health/ready 503, keeps the records of answered requests queued and writes every one when the database returns', async () => {
    const user = await createUser(replicas[0]!.url, cluster.adminToken);
    const uncached = await createUser(replicas[0]!.url, cluster.adminToken);
    // Each replica verifies the token once against the database, then serves it from its cache.
    for (const r of replicas) expect((await message(r.url, user.token, traceId('pg-warm'))).status).toBe(200);

    const stoppedAt = Date.now();
    await pg.stop();
    const notReadyIn = await waitUntil(async () => (await readiness()).every((s) => s === 503), 10_000, 'readiness 503 on both replicas');

    const traces = Array.from({ length: 60 }, () => traceId('pg-down'));
    const answers = await concurrently(traces.length, 10, (i) => message(replicas[i % 2]!.url, user.token, traces[i]!));
    const answered = traces.filter((_, i) => answers[i]!.status === 200);
    const outageMs = Date.now() - stoppedAt;
    // A valid token not yet in a cache cannot be checked: that is "try again", never "bad credential".
    const unchecked = await message(replicas[1]!.url, uncached.token, traceId('pg-uncached'));

    const restartedAt = Date.now();
    await pg.start();
    const readyIn = await waitUntil(async () => (await readiness()).every((s) => s === 200), 30_000, 'readiness 200 again', 50);
    let rows = 0;
    const writtenIn = await waitUntil(async () => (rows = (await recordedTraces(cluster.databaseUrl, answered)).size) === answered.length, 30_000, 'queued rows written', 100);
    const statuses = answers.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    process.stdout.write(
      `postgres outage (${outageMs} ms): readiness 503 after ${notReadyIn} ms; answers ${JSON.stringify(statuses)}; uncached token → ${unchecked.status}; database back → ready in ${readyIn} ms, ` +
        `${rows}/${answered.length} rows written ${writtenIn} ms after readiness (${Date.now() - restartedAt} ms after restart); lost ${answered.length - rows}\n`,
    );

    expect(answered).toHaveLength(traces.length);
    expect(unchecked.status).toBe(503);
    expect(unchecked.body).toMatchObject({ type: 'error', error: { message: expect.stringMatching(/^Authentication is temporarily unavailable/) } });
    expect(rows).toBe(answered.length);
    expect(replicas.map((r) => r.alive)).toEqual([true, true]);
    // The rows waited in the queue: their writes failed and were retried, never dropped.
    const output = replicas.map((r) => r.output()).join('\n');
    expect(output).toMatch(/BatchWriter:ai_requests.*write of \d+ row\(s\) failed, retrying/);
    expect(output).not.toMatch(/queue full/);
  }, 120_000);
});
