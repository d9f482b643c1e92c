import { Readable } from 'node:stream';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONNECTIONS_CHECK_INTERVAL_MS, HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS, MAX_HEADER_BYTES, MAX_HEADERS_COUNT } from '../../../src/common/http/connection-limits';
import { bearer } from '../../factories/user.factory';
import { createTestApp, type TestApp } from '../../utils/test-app';
import { until } from '../events/until';
import { openRaw, parseResponse } from './raw-http';

/** Properties Node's `http.Server` has but its typings leave out. */
type NodeServer = Server & { maxHeaderSize: number; connectionsCheckingInterval: number };

/** The default `server.body_limit_bytes` (10 MiB). */
const BODY_LIMIT = 10 * 1024 * 1024;
const REST_ERROR = { statusCode: expect.any(Number), error: expect.any(String), message: expect.any(String), trace_id: expect.any(String) };

/**
 * What one client may hold: body and header sizes, and the time it may take to send a request.
 * Slow clients are real sockets against the listening server; the app's own timeouts are checked
 * as configured, then shortened on this server so that a slowloris is cut off in a second.
 */
describe('connection limits against oversized and slow clients (e2e)', () => {
  let t: TestApp;
  let server: NodeServer;
  let url: string;
  const shortened = { headersTimeout: 800, requestTimeout: 1500, checkEvery: 100 };

  beforeAll(async () => {
    t = await createTestApp({ redis: false });
    server = t.app.getHttpServer() as NodeServer;
  });
  afterAll(async () => {
    await t.close();
  });

  it('the app applies the production limits before it listens', () => {
    expect(server.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
    expect(server.requestTimeout).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS);
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(server.maxHeadersCount).toBe(MAX_HEADERS_COUNT);
    expect(server.maxHeaderSize).toBe(MAX_HEADER_BYTES);
    expect(server.connectionsCheckingInterval).toBe(CONNECTIONS_CHECK_INTERVAL_MS);
  });

  describe('over a real socket', () => {
    beforeAll(async () => {
      server.headersTimeout = shortened.headersTimeout;
      server.requestTimeout = shortened.requestTimeout;
      server.connectionsCheckingInterval = shortened.checkEvery;
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    it('a header block over 16 KiB is refused with 431 in the REST shape, and the server carries on', async () => {
      const conn = await openRaw(url);
      await conn.write(`GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(MAX_HEADER_BYTES + 1024)}\r\n\r\n`);
      await until(() => conn.closed, 5_000, 'the oversized request to be closed');
      const res = parseResponse(conn.received);
      expect(res.status).toBe(431);
      expect(res.body).toEqual({ ...REST_ERROR, statusCode: 431, message: 'The request headers are too large' });
      expect(res.headers['x-trace-id']).toBe((res.body as { trace_id: string }).trace_id);
      expect((await fetch(`${url}/health`, { headers: { 'x-big': 'a'.repeat(8 * 1024) } })).status).toBe(200);
    });

    it('a slowloris client that never finishes its headers is answered 408 and cut off', async () => {
      const conn = await openRaw(url);
      await conn.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
      let sent = 0;
      // One header line every 50 ms: always making progress, never done.
      const drip = setInterval(() => void conn.write(`X-Slow-${sent++}: x\r\n`), 50);
      try {
        await until(() => conn.closed, 10_000, 'the slow client to be cut off');
      } finally {
        clearInterval(drip);
      }
      expect(sent).toBeGreaterThan(0);
      const res = parseResponse(conn.received);
      expect(res.status).toBe(408);
      expect(res.body).toEqual({ ...REST_ERROR, statusCode: 408, message: 'The request was not received in time' });
    });

    it('a client that connects and sends nothing is cut off', async () => {
      const conn = await openRaw(url);
      await until(() => conn.closed, 10_000, 'the silent client to be cut off');
    });

    it('a client that sends its body too slowly is answered 408 and cut off, while others are served', async () => {
      const conn = await openRaw(url);
      await conn.write(`POST /api/v1/governance/evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nAuthorization: Bearer ${t.adminToken}\r\n\r\n{`);
      const drip = setInterval(() => void conn.write(' '), 50);
      try {
        // The server keeps answering everyone else meanwhile.
        expect((await fetch(`${url}/health`)).status).toBe(200);
        await until(() => conn.closed, 10_000, 'the slow body to be cut off');
      } finally {
        clearInterval(drip);
      }
      const res = parseResponse(conn.received);
      expect(res.status).toBe(408);
      expect(res.body).toMatchObject({ statusCode: 408 });
    });
  });

  describe('body size (server.body_limit_bytes)', () => {
    const oversized = `{"x":"${'y'.repeat(BODY_LIMIT)}"}`;

    it('an oversized body is 413 in the REST shape', async () => {
      const res = await t.inject({ method: 'POST', url: '/api/v1/users', headers: { ...bearer(t.adminToken), 'content-type': 'application/json' }, payload: oversized });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toEqual({ ...REST_ERROR, statusCode: 413, error: 'Payload Too Large' });
    });

    it('on /v1/* it is 413 in the Anthropic shape', async () => {
      const res = await t.inject({ method: 'POST', url: '/v1/messages', headers: { ...bearer(t.adminToken), 'content-type': 'application/json' }, payload: oversized });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toEqual({ type: 'error', error: { type: 'request_too_large', message: expect.any(String) } });
    });

    it('a body streamed without Content-Length is cut at the limit too', async () => {
      const chunks = (function* () {
        yield '{"x":"';
        for (let sent = 0; sent <= BODY_LIMIT; sent += 1024 * 1024) yield 'y'.repeat(1024 * 1024);
        yield '"}';
      })();
      const res = await t.inject({ method: 'POST', url: '/api/v1/users', headers: { ...bearer(t.adminToken), 'content-type': 'application/json' }, payload: Readable.from(chunks) });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    });

    it('a body nested deeper than 256 levels is 400, not a stack overflow', async () => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const res = await t.inject({ method: 'POST', url: '/api/v1/governance/evaluate', headers: { ...bearer(t.adminToken), 'content-type': 'application/json' }, payload: deep });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ ...REST_ERROR, statusCode: 400, message: 'Request body nests deeper than 256 levels' });
    });

    it.each([
      ['/api/v1/governance/evaluate', '{"tool_name":"Bash","tool_input":{"__proto__":{"polluted":true}}}'],
      ['/api/v1/governance/evaluate', '{"tool_name":"Bash","tool_input":{"constructor":{"prototype":{"polluted":true}}}}'],
      ['/v1/messages', '{"model":"claude-x","max_tokens":5,"messages":[{"role":"user","content":"hi","__proto__":{"x":1}}]}'],
    ])('prototype poisoning in a body to %s is 400 and pollutes nothing', async (url, payload) => {
      const res = await t.inject({ method: 'POST', url, headers: { ...bearer(t.adminToken), 'content-type': 'application/json' }, payload });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      const message = url.startsWith('/v1/') ? body.error.message : body.message;
      expect(message).toBe('The request body contains a forbidden key (__proto__, or constructor.prototype), which is not accepted');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});
