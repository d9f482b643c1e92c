import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { coalesceWritesPerTurn } from './redis-write-coalescing';

/** A socket double that records what reaches it in each write call. */
function recordingStream() {
  const writes: string[][] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.map((c) => String(c.chunk)));
      done();
    },
  });
  return { stream, writes };
}

const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesceWritesPerTurn', () => {
  it('sends the commands of one event-loop turn in one write, and the next turn in another', async () => {
    const { stream, writes } = recordingStream();
    const redis = Object.assign(new EventEmitter(), { stream });
    coalesceWritesPerTurn(redis as unknown as Redis);

    stream.write('GET a');
    stream.write('GET b');
    await Promise.resolve(); // a later microtask is still the same turn
    stream.write('GET c');
    expect(writes).toEqual([]);
    await endOfTurn();
    stream.write('GET d');
    await endOfTurn();

    expect(writes).toEqual([['GET a', 'GET b', 'GET c'], ['GET d']]);
  });

  it('coalesces on the new socket after a reconnection (connect reported twice)', async () => {
    const first = recordingStream();
    const redis = Object.assign(new EventEmitter(), { stream: first.stream });
    coalesceWritesPerTurn(redis as unknown as Redis);

    const second = recordingStream();
    redis.stream = second.stream;
    redis.emit('connect');
    redis.emit('connect');
    second.stream.write('PING');
    second.stream.write('PING');
    await endOfTurn();

    expect(second.writes).toEqual([['PING', 'PING']]);
  });
});
