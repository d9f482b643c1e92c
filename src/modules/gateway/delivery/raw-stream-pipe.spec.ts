import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { RawStreamSource } from '../upstream/gateway-upstream';
import { pipeRawStream } from './raw-stream-pipe';
import type { SseWriter } from './sse-writer';

/** A client response that accepts `capacity` writes before it reports a full buffer. */
class FakeResponse extends EventEmitter {
  written: string[] = [];
  destroyed = false;
  writableEnded = false;
  constructor(public capacity = Number.POSITIVE_INFINITY) {
    super();
  }
  write(chunk: Buffer): boolean {
    this.written.push(chunk.toString());
    return this.written.length < this.capacity;
  }
  disconnect(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

function harness(capacity?: number) {
  const response = new FakeResponse(capacity);
  const sse = { response, get closed() { return response.destroyed || response.writableEnded; }, writeNow: (c: Buffer) => (response.destroyed ? false : response.write(c)) } as unknown as SseWriter;
  const upstream = new PassThrough();
  const seen: string[] = [];
  let ended = 0;
  const source: RawStreamSource = {
    readable: upstream,
    chunk: (c) => seen.push(c.toString()),
    end: () => ended++,
    failure: (err) => ({ status: 502, type: 'api_error', message: (err as Error).message }),
  };
  return { response, sse, upstream, source, seen, ended: () => ended };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('pipeRawStream', () => {
  it('writes every chunk in order after the tap saw it, and ends once', async () => {
    const h = harness();
    const piped = pipeRawStream(h.sse, h.source);
    h.upstream.write('event: a\n\n');
    h.upstream.write('event: b\n\n');
    h.upstream.end();
    await expect(piped).resolves.toEqual({ kind: 'ended' });
    expect(h.response.written).toEqual(['event: a\n\n', 'event: b\n\n']);
    expect(h.seen).toEqual(h.response.written);
    expect(h.ended()).toBe(1);
  });

  it('pauses the upstream while the client buffer is full and resumes on drain', async () => {
    const h = harness(1);
    const piped = pipeRawStream(h.sse, h.source);
    h.upstream.write('one');
    await tick();
    expect(h.upstream.isPaused()).toBe(true);
    h.upstream.write('two');
    await tick();
    expect(h.response.written).toEqual(['one']);
    h.response.capacity = Number.POSITIVE_INFINITY;
    h.response.emit('drain');
    await tick();
    expect(h.response.written).toEqual(['one', 'two']);
    h.upstream.end();
    await expect(piped).resolves.toEqual({ kind: 'ended' });
  });

  it('a client that goes away ends the pipe and destroys the upstream body; a later error is absorbed', async () => {
    const h = harness(1);
    const piped = pipeRawStream(h.sse, h.source);
    h.upstream.write('one');
    await tick();
    h.response.disconnect();
    await expect(piped).resolves.toEqual({ kind: 'client_closed' });
    expect(h.upstream.destroyed).toBe(true);
    expect(() => h.upstream.emit('error', new Error('aborted'))).not.toThrow();
    expect(h.ended()).toBe(1);
  });

  it('an upstream failure after the first byte is reported mapped, with the tap flushed', async () => {
    const h = harness();
    const piped = pipeRawStream(h.sse, h.source);
    h.upstream.write('event: message_start\n\n');
    await tick();
    h.upstream.destroy(new Error('socket hang up'));
    await expect(piped).resolves.toEqual({ kind: 'failed', failure: { status: 502, type: 'api_error', message: 'socket hang up' } });
    expect(h.ended()).toBe(1);
  });

  it('an upstream that closes without ending is a failure too', async () => {
    const h = harness();
    const piped = pipeRawStream(h.sse, h.source);
    h.upstream.write('partial');
    await tick();
    h.upstream.destroy();
    await expect(piped).resolves.toEqual({ kind: 'failed', failure: expect.objectContaining({ message: 'upstream stream closed before its end' }) });
  });
});
