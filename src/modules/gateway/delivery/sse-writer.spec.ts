import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FastifyReply } from 'fastify';
import { SseWriter } from './sse-writer';

/** Counts the flushes (one system call each) a socket makes: `_writev` for a batch, `_write` for one chunk. */
function countFlushes(socket: Socket): { count: () => number } {
  let flushes = 0;
  const target = socket as unknown as { _writev: (...a: unknown[]) => unknown; _write: (...a: unknown[]) => unknown };
  const writev = target._writev.bind(socket);
  const write = target._write.bind(socket);
  target._writev = (...a) => (flushes++, writev(...a));
  target._write = (...a) => (flushes++, write(...a));
  return { count: () => flushes };
}

const asReply = (res: ServerResponse) => ({ raw: res, hijack: () => undefined, getHeaders: () => ({ 'x-content-type-options': 'nosniff' }) }) as unknown as FastifyReply;

describe('SseWriter', () => {
  let server: Server;
  let respond: (res: ServerResponse) => Promise<number>;
  let url: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      void respond(res).then((flushes) => server.emit('flushes', flushes));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  /** Runs `respond` for one request; resolves with the body the client read and the server's flush count. */
  function exchange(handler: (sse: SseWriter, res: ServerResponse) => Promise<void>): Promise<{ body: string; headers: Record<string, unknown>; flushes: number }> {
    respond = async (res) => {
      const counter = countFlushes(res.socket!);
      const finished = new Promise<number>((r) => res.once('finish', () => setImmediate(() => r(counter.count()))));
      await handler(new SseWriter(asReply(res), 'trace-1'), res);
      return finished;
    };
    const flushes = new Promise<number>((r) => server.once('flushes', r));
    return new Promise((resolve, reject) => {
      request(url, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => void flushes.then((n) => resolve({ body, headers: res.headers, flushes: n })));
      })
        .on('error', reject)
        .end();
    });
  }

  it('sends the head, the events and the chunked terminator of one turn in a single flush', async () => {
    const { body, headers, flushes } = await exchange(async (sse) => {
      sse.start(200, { 'request-id': 'req_1' });
      sse.writeNow('event: a\ndata: {}\n\n');
      sse.writeNow('event: b\ndata: {}\n\n');
      // An upstream body's 'end' comes a tick after its last 'data', as a Readable emits it.
      await new Promise((r) => process.nextTick(r));
      sse.end();
    });
    expect(body).toBe('event: a\ndata: {}\n\nevent: b\ndata: {}\n\n');
    expect(headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(headers['x-trace-id']).toBe('trace-1');
    expect(headers['request-id']).toBe('req_1');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(flushes).toBe(1);
  });

  it('does not hold events back: each turn of the loop flushes what it wrote', async () => {
    const seenByClient: string[] = [];
    const { body, flushes } = await exchange(async (sse, res) => {
      sse.start(200, {});
      sse.writeNow('event: first\n\n');
      // The writer uncorks in the check phase of this turn: the event is on the socket before any timer fires.
      await new Promise((r) => setImmediate(r));
      seenByClient.push(String(res.socket!.bytesWritten > 0));
      await new Promise((r) => setTimeout(r, 5));
      await sse.write('event: second\n\n');
      sse.end();
    });
    expect(seenByClient).toEqual(['true']);
    expect(body).toBe('event: first\n\nevent: second\n\n');
    expect(flushes).toBe(2);
  });

  it('an error event ends the stream', async () => {
    const { body } = await exchange(async (sse) => {
      sse.start(200, {});
      await sse.error(529, 'overloaded', 'overloaded_error');
    });
    expect(body).toMatch(/^event: error\ndata: \{"type":"error","error":\{"type":"overloaded_error","message":"overloaded"\}/);
  });
});
