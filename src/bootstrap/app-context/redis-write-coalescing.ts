import type { Redis } from 'ioredis';

interface CorkableStream {
  write: (...args: never[]) => boolean;
  cork(): void;
  uncork(): void;
  destroyed?: boolean;
}

const COALESCING = Symbol('sp.redisWriteCoalescing');

/**
 * Commands sent in one event-loop turn leave in one socket write: the connection's socket is
 * corked at the turn's first command and uncorked when the turn ends (`setImmediate`), on
 * every connection ioredis opens (it reconnects on a new socket).
 *
 * ioredis's own auto-pipelining batches the same way, but through a `Pipeline` per turn whose
 * commands, promises and callbacks outlived two young-generation GCs under load and were
 * promoted (1.8 MB a scavenge from the rate-limit checks alone at 3,308 governed calls/s),
 * which brings the mark-compacts that make the governance p99 (docs/benchmarks.md). Corking
 * keeps the one write and drops the objects.
 */
export function coalesceWritesPerTurn(redis: Redis): void {
  const wrap = () => {
    const stream = redis.stream as unknown as (CorkableStream & { [COALESCING]?: true }) | undefined;
    if (!stream || stream[COALESCING]) return;
    stream[COALESCING] = true;
    const write = stream.write;
    let corked = false;
    const uncork = () => {
      corked = false;
      if (!stream.destroyed) stream.uncork();
    };
    stream.write = function coalescedWrite(this: CorkableStream, ...args: never[]): boolean {
      if (!corked) {
        corked = true;
        stream.cork();
        setImmediate(uncork);
      }
      return write.apply(this, args);
    };
  };
  redis.on('connect', wrap);
  wrap();
}
