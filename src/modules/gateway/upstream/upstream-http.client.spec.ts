import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientCancellation } from './client-cancellation';
import { UpstreamHttpClient } from './upstream-http.client';
import { UpstreamError } from './upstream.error';

interface Seen {
  method: string;
  url: string;
  body: string;
  headers: IncomingMessage['headers'];
}

describe('UpstreamHttpClient', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  const client = new UpstreamHttpClient();
  const signal = new AbortController().signal;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, body, headers: req.headers });
        if (req.url!.startsWith('/slow')) return void setTimeout(() => res.end('late'), 4000).unref();
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ echoed: req.url }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await client.onApplicationShutdown();
  });

  it('sends method, path with its query, headers and body to the URL given, each URL to its own path', async () => {
    const first = await client.send({ url: `${base}/v1/messages`, headers: { 'x-api-key': 'k1' }, body: '{"a":1}', timeoutMs: 5000, signal }, 'anthropic');
    expect(first.statusCode).toBe(200);
    expect(await first.body.json()).toEqual({ echoed: '/v1/messages' });
    const second = await client.send({ url: `${base}/v1beta/models/m:streamGenerateContent?alt=sse`, headers: {}, body: Buffer.from('{}'), timeoutMs: 5000, signal }, 'gemini');
    expect(await second.body.json()).toEqual({ echoed: '/v1beta/models/m:streamGenerateContent?alt=sse' });
    const again = await client.send({ url: `${base}/v1/messages`, method: 'GET', headers: {}, timeoutMs: 5000, signal }, 'anthropic');
    await again.body.dump();
    expect(seen.map((s) => [s.method, s.url])).toEqual([
      ['POST', '/v1/messages'],
      ['POST', '/v1beta/models/m:streamGenerateContent?alt=sse'],
      ['GET', '/v1/messages'],
    ]);
    expect(seen[0]).toMatchObject({ body: '{"a":1}', headers: { 'x-api-key': 'k1' } });
  });

  it('a refused connection is a retryable 502 naming the provider', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const failure = await client.send({ url: `http://127.0.0.1:${port}/v1/messages`, headers: {}, body: '{}', timeoutMs: 5000, signal }, 'openai').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect(failure).toMatchObject({ status: 502, retryable: true });
    expect((failure as Error).message).toMatch(/^openai upstream unreachable/);
  });

  // undici checks its timeouts on a coarse clock: a 200 ms timeout fires within about a second.
  it('no response head within the route timeout is a retryable 504', async () => {
    const failure = await client.send({ url: `${base}/slow`, headers: {}, body: '{}', timeoutMs: 200, signal }, 'anthropic').catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 504, retryable: true, message: 'anthropic upstream timed out' });
  });

  it.each([
    ['a ClientCancellation (the gateway)', () => new ClientCancellation()],
    ['an AbortController (an extension)', () => new AbortController()],
  ])('a call cancelled through %s is a 499, not an upstream failure', async (_name, make) => {
    const cancel = make();
    const before = seen.length;
    const signal = cancel instanceof ClientCancellation ? cancel : cancel.signal;
    const pending = client.send({ url: `${base}/slow`, headers: {}, body: '{}', timeoutMs: 5000, signal }, 'anthropic').catch((e: unknown) => e);
    // Cancelled once the upstream has the request (a fixed 30 ms wait was too short on a busy CI machine).
    const deadline = Date.now() + 5000;
    while (seen.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(seen.length).toBe(before + 1);
    cancel.abort();
    expect(await pending).toMatchObject({ status: 499, retryable: false });
  });
});
