import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server as HttpServer } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { DomainEventPublisher } from '../../../src/common/events/domain-event.publisher';
import type { GovernanceDecisionEvent } from '../../../src/common/events/domain-events';
import { createTestApp, type TestApp } from '../../utils/test-app';
import { until } from './until';

const PAT = `sp-live-0123456789ab.${'d'.repeat(52)}`;
const BEARER = 'Bearer abcdefghijklmnopqrstuvwxyz0123';
const RFC5424 = /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|\[(?:[^\]\\]|\\.)*\]) (.*)$/s;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver: answers `statuses` in turn (then the last one), records every request. */
async function startWebhook(statuses: number[]): Promise<{ url: string; requests: Received[]; close(): Promise<void> }> {
  const requests: Received[] = [];
  const server: HttpServer = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      res.writeHead(statuses[Math.min(requests.length - 1, statuses.length - 1)]!).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest`;
  return { url, requests, close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

/** RFC 6587 octet-counted frames from one TCP byte stream. */
function deframe(stream: string): string[] {
  const messages: string[] = [];
  let rest = Buffer.from(stream, 'utf8');
  while (rest.length > 0) {
    const space = rest.indexOf(0x20);
    const length = Number(rest.subarray(0, space).toString());
    messages.push(rest.subarray(space + 1, space + 1 + length).toString('utf8'));
    rest = rest.subarray(space + 1 + length);
  }
  return messages;
}

const secretDenial = (traceId: string, userId: string): Omit<GovernanceDecisionEvent, 'occurred_at'> => ({
  trace_id: traceId,
  user_id: userId,
  tenant_id: null,
  session_id: 's-siem',
  principal: 'user',
  tool: 'bash',
  server: null,
  decision: 'deny',
  stage: 'secret_scan',
  code: 'SECRET_DETECTED',
  reason: `input carried ${PAT} and "${BEARER}"`,
  policy_version: 'v1',
});

function expectRedacted(text: string): void {
  expect(text).not.toContain(PAT);
  expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz0123');
  expect(text).toContain('[REDACTED]');
}

describe('SIEM export: stdout, webhook, syslog TCP and UDP (e2e)', () => {
  const userId = '11111111-2222-4333-8444-555555555555';
  let webhook: Awaited<ReturnType<typeof startWebhook>>;
  let failing: Awaited<ReturnType<typeof startWebhook>>;
  let tcp: TcpServer;
  let tcpData = '';
  let udp: UdpSocket;
  const datagrams: string[] = [];
  const lines: string[] = [];
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    webhook = await startWebhook([503, 200]);
    failing = await startWebhook([500]);
    tcp = createTcpServer((socket) => socket.on('data', (c: Buffer) => (tcpData += c.toString('utf8'))));
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    udp = createSocket('udp4');
    udp.on('message', (m) => datagrams.push(m.toString('utf8')));
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
    first = await createTestApp({
      redis: false,
      logDestination: { write: (line: string) => lines.push(line) },
      env: { SYSTEMPROMPT_SECRET_SIEM_TOKEN: 'Splunk siem-collector-token' },
      profile: `observability:
  siem:
    webhook: { url: "${webhook.url}", auth_secret: siem_token, headers: { x-source: systemprompt }, batch_size: 10, flush_interval_ms: 20, retry_base_ms: 20 }
    syslog: { host: 127.0.0.1, port: ${(tcp.address() as AddressInfo).port}, protocol: tcp }
`,
    });
    second = await createTestApp({
      redis: false,
      profile: `observability:
  siem:
    webhook: { url: "${failing.url}", batch_size: 1, flush_interval_ms: 10, max_queue: 2, max_retries: 1, retry_base_ms: 10 }
    syslog: { host: 127.0.0.1, port: ${(udp.address() as AddressInfo).port}, protocol: udp, facility: 10 }
`,
    });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await webhook.close();
    await failing.close();
    await new Promise<void>((r) => tcp.close(() => r()));
    udp.close();
  });

  it('writes one ECS JSON line per event on stdout, secrets redacted', async () => {
    first.get<DomainEventPublisher>(DomainEventPublisher).emit('governance.decision', secretDenial('trace-siem-stdout', userId));
    await new Promise((r) => setImmediate(r)); // stdout lines leave at the end of the loop turn
    const ecs = lines.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((l) => JSON.parse(l) as Record<string, any>).filter((l) => l.event?.action === 'governance.decision' && l.trace?.id === 'trace-siem-stdout');
    expect(ecs).toHaveLength(1);
    expect(ecs[0]).toMatchObject({
      '@timestamp': expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      ecs: { version: expect.any(String) },
      event: { kind: 'event', action: 'governance.decision', outcome: 'failure', type: ['denied'], id: expect.stringMatching(/^\d{13}-/) },
      user: { id: userId },
      trace: { id: 'trace-siem-stdout' },
      systemprompt: { stage: 'secret_scan', code: 'SECRET_DETECTED' },
    });
    expectRedacted(JSON.stringify(ecs[0]));
    expect(lines.join('\n')).not.toContain('siem-collector-token');
  });

  it('delivers to the webhook in batches, retrying a 503, with the configured headers', async () => {
    first.get<DomainEventPublisher>(DomainEventPublisher).emit('governance.decision', secretDenial('trace-siem-webhook', userId));
    await until(() => webhook.requests.some((r) => r.body.includes('trace-siem-webhook')), 10_000, 'a webhook delivery');
    // The receiver refused the first request (503): its events came again, at the head of the next batch.
    const [refused, retried] = webhook.requests.map((r) => JSON.parse(r.body) as unknown[]);
    expect(retried!.slice(0, refused!.length)).toEqual(refused);
    const delivered = webhook.requests.find((r) => r.body.includes('trace-siem-webhook'));
    expect(delivered!.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Splunk siem-collector-token', 'x-source': 'systemprompt' });
    const batch = JSON.parse(delivered!.body) as Record<string, any>[];
    expect(Array.isArray(batch)).toBe(true);
    expect(batch.find((d) => d.trace.id === 'trace-siem-webhook')).toMatchObject({ event: { action: 'governance.decision', outcome: 'failure' }, user: { id: userId } });
    expectRedacted(delivered!.body);
    for (const r of webhook.requests) expect(r.body).not.toContain(PAT);
    const metrics = (await first.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^sp_siem_export_failures_total\{exporter="webhook"\} [1-9]/m);
    expect(metrics).toMatch(/^sp_siem_exported_total\{exporter="webhook"\} [1-9]/m);
  });

  it('sends RFC 5424 messages over TCP with octet-counting framing', async () => {
    first.get<DomainEventPublisher>(DomainEventPublisher).emit('governance.decision', secretDenial('trace-siem-tcp', userId));
    await until(() => tcpData.includes('trace-siem-tcp'), 10_000, 'a syslog TCP message');
    const message = deframe(tcpData).find((m) => m.includes('trace-siem-tcp'))!;
    const m = RFC5424.exec(message)!;
    expect(m).not.toBeNull();
    expect(Number(m[1])).toBe(16 * 8 + 4); // local0, warning (a denial)
    expect(m[5]).toBe(String(process.pid));
    expect(m[6]).toBe('governance.decision');
    expect(m[7]).toContain('trace_id="trace-siem-tcp"');
    expect(JSON.parse(m[8]!)).toMatchObject({ event: { action: 'governance.decision' }, trace: { id: 'trace-siem-tcp' } });
    expectRedacted(message);
  });

  it('sends RFC 5424 datagrams over UDP', async () => {
    second.get<DomainEventPublisher>(DomainEventPublisher).emit('governance.decision', secretDenial('trace-siem-udp', userId));
    await until(() => datagrams.some((d) => d.includes('trace-siem-udp')), 10_000, 'a syslog datagram');
    const m = RFC5424.exec(datagrams.find((d) => d.includes('trace-siem-udp'))!)!;
    expect(Number(m[1])).toBe(10 * 8 + 4);
    expect(JSON.parse(m[8]!).trace.id).toBe('trace-siem-udp');
    expectRedacted(m[0]);
  });

  it('bounds the webhook queue and counts what it drops', async () => {
    const publisher = second.get<DomainEventPublisher>(DomainEventPublisher);
    for (let i = 0; i < 10; i++) publisher.emit('governance.decision', secretDenial(`trace-siem-drop-${i}`, userId));
    await until(async () => /^sp_siem_export_dropped_total\{exporter="webhook",reason="queue_full"\} [1-9]/m.test((await second.inject({ method: 'GET', url: '/metrics' })).body), 10_000, 'queue_full drops');
    await until(async () => /^sp_siem_export_dropped_total\{exporter="webhook",reason="send_failed"\} [1-9]/m.test((await second.inject({ method: 'GET', url: '/metrics' })).body), 10_000, 'send_failed drops');
    expect(failing.requests.length).toBeGreaterThan(0);
  });
});
