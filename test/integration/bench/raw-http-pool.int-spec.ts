import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// The bench's minimal HTTP client (plain JavaScript, like the rest of bench/).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RawHttpPool, serialiseRequest, responseEnd } = require('../../../bench/lib/raw-http-pool') as {
  RawHttpPool: new (origin: string, connections: number) => { send(bytes: Buffer): Promise<number>; close(): void; open: number };
  serialiseRequest(r: { host: string; method: string; path: string; headers: Record<string, string>; body?: string }): Buffer;
  responseEnd(buffer: Buffer): { end: number; status: number } | null;
};

describe('bench RawHttpPool (a real HTTP server)', () => {
  let server: Server;
  let origin: string;
  const seen: { path: string; body: string; auth: string | undefined }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ path: req.url ?? '', body, auth: req.headers.authorization });
        if (req.url === '/chunked') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('part one, ');
          setTimeout(() => res.end('part two'), 5);
        } else if (req.url === '/empty') {
          res.writeHead(204).end();
        } else if (req.url === '/hangup') {
          res.socket?.destroy();
        } else if (req.url === '/missing') {
          res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"nope"}');
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const request = (path: string, body = '{"x":1}') => serialiseRequest({ host: new URL(origin).host, method: 'POST', path, headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body });

  it('sends the request as given and frames Content-Length, chunked and 204 responses on one kept-alive connection', async () => {
    const pool = new RawHttpPool(origin, 1);
    expect(await pool.send(request('/json', '{"héllo":1}'))).toBe(200);
    expect(await pool.send(request('/chunked'))).toBe(200);
    expect(await pool.send(request('/empty'))).toBe(204);
    expect(await pool.send(request('/missing'))).toBe(404);
    expect(pool.open).toBe(1);
    expect(seen.find((s) => s.path === '/json')).toEqual({ path: '/json', body: '{"héllo":1}', auth: 'Bearer t' });
    pool.close();
  });

  it('queues sends beyond its connections and answers every one', async () => {
    const pool = new RawHttpPool(origin, 3);
    const statuses = await Promise.all(Array.from({ length: 50 }, () => pool.send(request('/json'))));
    expect(statuses).toEqual(Array(50).fill(200));
    expect(pool.open).toBeLessThanOrEqual(3);
    pool.close();
  });

  it('rejects a request whose connection closes before the response, and goes on with a new connection', async () => {
    const pool = new RawHttpPool(origin, 1);
    await expect(pool.send(request('/hangup'))).rejects.toThrow('connection closed before the response');
    expect(await pool.send(request('/json'))).toBe(200);
    pool.close();
  });

  it('responseEnd: incomplete is null, a response of unknown length or not HTTP/1.1 throws', () => {
    expect(responseEnd(Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nabc'))).toBeNull();
    expect(responseEnd(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1'))).toEqual({ end: 41, status: 200 });
    expect(responseEnd(Buffer.from('HTTP/1.1 200 OK\r\ncontent'))).toBeNull();
    expect(() => responseEnd(Buffer.from('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nabc'))).toThrow('without Content-Length');
    expect(() => responseEnd(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'))).toThrow('not an HTTP/1.1 response');
  });
});
