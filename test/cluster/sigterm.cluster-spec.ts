import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openSse } from '../e2e/events/sse-client';
import { startMockAnthropic } from '../mocks/mock-anthropic';
import { json, type MockServer, startMockServer } from '../mocks/mock-server';
import { ROOT } from '../utils/built-dist';
import { createUser, message, recordedTraces, traceId, waitUntil } from './client';
import { type Cluster, type Replica, startCluster } from './harness';

const SHUTDOWN_TIMEOUT_MS = 20_000;
const SLOW_JSON_MS = 1500;

/**
 * SIGTERM while requests and streams are in flight: they finish, the request records are
 * flushed, the process exits 0 within server.shutdown_timeout_ms, and every answered request
 * has its row. An idle event-stream subscriber must not hold the shutdown up.
 */
describe('SIGTERM under load (cluster)', () => {
  let anthropic: MockServer;
  let slow: MockServer;
  let cluster: Cluster;
  let replica: Replica;

  beforeAll(async () => {
    anthropic = await startMockAnthropic();
    slow = await startMockServer(async (req, res) => {
      await new Promise((r) => setTimeout(r, SLOW_JSON_MS));
      const { model } = req.json as { model: string };
      json(res, 200, { id: 'msg_slow', type: 'message', role: 'assistant', model, content: [{ type: 'text', text: 'late but whole' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 3, output_tokens: 4 } });
    });
    cluster = await startCluster({
      upstreamUrl: anthropic.url,
      replicas: ['a'],
      balancer: false,
      profile: {
        server: { shutdown_timeout_ms: SHUTDOWN_TIMEOUT_MS },
        gateway: {
          routes: [
            { model_pattern: 'slow-*', provider: 'anthropic', endpoint: `${slow.url}/v1` },
            { model_pattern: 'claude-*', provider: 'anthropic', endpoint: `${anthropic.url}/v1` },
          ],
        },
      },
    });
    replica = cluster.replicas.a!;
  }, 120_000);

  afterAll(async () => {
    await cluster?.close();
    await anthropic?.close();
    await slow?.close();
  }, 60_000);

  it('lets in-flight requests and streams finish, flushes their records and exits 0', async () => {
    const user = await createUser(replica.url, cluster.adminToken);
    const subscriber = existsSync(join(ROOT, 'dist/src/modules/events/events.controller.js'))
      ? await openSse(`${replica.url}/api/v1/events/stream?types=ai.request.completed`, { authorization: `Bearer ${user.token}` })
      : null;
    const jsonTraces = Array.from({ length: 30 }, () => traceId('term-json'));
    const streamTraces = Array.from({ length: 10 }, () => traceId('term-stream'));
    const inFlight = [
      ...jsonTraces.map((t) => message(replica.url, user.token, t, { model: 'slow-json' })),
      ...streamTraces.map((t) => message(replica.url, user.token, t, { stream: true, text: 'slow' })),
    ];
    await waitUntil(() => slow.requests.length >= jsonTraces.length && anthropic.requests.length >= streamTraces.length, 15_000, 'all requests at the upstream');

    const signalledAt = Date.now();
    replica.kill('SIGTERM');
    await waitUntil(() => replica.output().includes('received SIGTERM, shutting down'), 5000, 'SIGTERM handled');
    // New work after the signal is refused at once: a 503 on a kept-alive connection, or the
    // connection is refused (a balancer retries that on another replica).
    const lateTrace = traceId('term-late');
    const late = await message(replica.url, user.token, lateTrace);
    const answers = await Promise.all(inFlight);
    const exit = await replica.exited;
    const exitMs = Date.now() - signalledAt;
    const rows = await recordedTraces(cluster.databaseUrl, [...jsonTraces, ...streamTraces, lateTrace]);
    const answered = answers.filter((r) => r.status === 200).length;
    process.stdout.write(
      `SIGTERM: exit ${exit.code ?? exit.signal} after ${exitMs} ms; ${answered} of ${answers.length} in-flight answered, ${rows.size} rows, lost ${answered - rows.size}; request after the signal → ${late.status || late.text}\n`,
    );

    if (exit.code !== 0) process.stdout.write(`replica output:\n${replica.output().slice(-6000)}\n`);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    for (const r of answers.slice(jsonTraces.length)) expect(r.text).toContain('event: message_stop');
    for (const r of answers.slice(0, jsonTraces.length)) expect(r.body).toMatchObject({ content: [{ text: 'late but whole' }] });
    expect([0, 503]).toContain(late.status);
    expect(rows.size).toBe(answered);
    for (const t of [...jsonTraces, ...streamTraces]) expect(rows.get(t)).toMatchObject({ status: 200, error_type: null });
    if (subscriber) await subscriber.ended;
  }, 60_000);
});
