import { Logger } from '@nestjs/common';
import { BatchWriter } from './batch-writer';

/** A database double: refuses any batch holding a "poison" row, as PostgreSQL refuses a NUL. */
function refusingPoison() {
  const written: string[] = [];
  const write = async (rows: string[]) => {
    if (rows.includes('poison')) throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    written.push(...rows);
  };
  return { written, write };
}

/** A database double that records each batch's size and holds the first write until `release()`. */
function firstWriteHeld() {
  const batches: number[] = [];
  let release!: () => void;
  const firstWrite = new Promise<void>((resolve) => (release = resolve));
  const write = async (rows: number[]) => {
    batches.push(rows.length);
    if (batches.length === 1) await firstWrite;
  };
  return { batches, release, write };
}

describe('BatchWriter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('a row refused for its data is dropped (counted), and every other row of its batch is written', async () => {
    const db = refusingPoison();
    const writer = new BatchWriter<string>('test', db.write, { maxQueue: 100, batchSize: 10, flushIntervalMs: 60_000 });
    for (const row of ['a', 'b', 'poison', 'c', 'd']) writer.enqueue(row);
    await writer.flush();
    expect(db.written).toEqual(['a', 'b', 'c', 'd']);
    expect(writer.stats).toMatchObject({ queued: 0, written: 4, dropped: 1 });
  });

  it('rows after the refused batch go back to whole batches', async () => {
    const db = refusingPoison();
    const batches: number[] = [];
    const writer = new BatchWriter<string>('test', (rows) => (batches.push(rows.length), db.write(rows)), { maxQueue: 100, batchSize: 3, flushIntervalMs: 60_000 });
    for (const row of ['a', 'poison', 'b', 'c', 'd', 'e']) writer.enqueue(row);
    await writer.flush();
    expect(db.written).toEqual(['a', 'b', 'c', 'd', 'e']);
    // 3 refused, then a, poison, b one by one, then c, d, e together.
    expect(batches).toEqual([3, 1, 1, 1, 3]);
  });

  describe('entries that stand for several rows (row groups)', () => {
    const rowsOf = (group: string[]) => group.length;

    it('counts rows, not entries: queued, written and the queue bound', async () => {
      const written: string[][] = [];
      const writer = new BatchWriter<string[]>('test', async (groups) => void written.push(...groups), { maxQueue: 6, batchSize: 10, flushIntervalMs: 60_000 }, rowsOf);
      expect(writer.enqueue(['a1', 'a2', 'a3', 'a4'])).toBe(true);
      expect(writer.stats).toMatchObject({ queued: 4 });
      // 4 + 3 rows would pass the bound of 6: the whole group is refused and its rows counted.
      expect(writer.enqueue(['b1', 'b2', 'b3'])).toBe(false);
      expect(writer.enqueue(['c1', 'c2'])).toBe(true);
      expect(writer.stats).toMatchObject({ queued: 6, written: 0, dropped: 3 });
      await writer.flush();
      expect(written).toEqual([['a1', 'a2', 'a3', 'a4'], ['c1', 'c2']]);
      expect(writer.stats).toMatchObject({ queued: 0, written: 6, dropped: 3 });
    });

    it('a refused group is dropped whole, with its rows counted, and the other groups of its batch are written', async () => {
      const written: string[] = [];
      const write = async (groups: string[][]) => {
        if (groups.some((g) => g.includes('poison'))) throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
        written.push(...groups.flat());
      };
      const writer = new BatchWriter<string[]>('test', write, { maxQueue: 100, batchSize: 10, flushIntervalMs: 60_000 }, rowsOf);
      for (const group of [['a1', 'a2'], ['b1', 'poison', 'b3', 'b4'], ['c1']]) writer.enqueue(group);
      await writer.flush();
      expect(written).toEqual(['a1', 'a2', 'c1']);
      expect(writer.stats).toMatchObject({ queued: 0, written: 3, dropped: 4, failedWrites: 2 });
    });
  });

  it('a backlog of whole batches is written back to back, without waiting for the timer', async () => {
    const { batches, release, write } = firstWriteHeld();
    const writer = new BatchWriter<number>('test', write, { maxQueue: 100, batchSize: 3, flushIntervalMs: 60_000 });
    for (let i = 0; i < 3; i++) writer.enqueue(i); // a whole batch: written at once
    for (let i = 3; i < 11; i++) writer.enqueue(i); // 8 more while it is in flight
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Two more whole batches followed the first; the last 2 rows wait for the (1-minute) timer.
    expect(batches).toEqual([3, 3, 3]);
    expect(writer.stats).toMatchObject({ queued: 2, written: 9 });
    await writer.flush();
    expect(batches).toEqual([3, 3, 3, 2]);
  });

  it('rows queued behind a write leave together in the next one, up to maxBatchSize', async () => {
    const { batches, release, write } = firstWriteHeld();
    const writer = new BatchWriter<number>('test', write, { maxQueue: 100, batchSize: 3, maxBatchSize: 5, flushIntervalMs: 60_000 });
    for (let i = 0; i < 15; i++) writer.enqueue(i); // 3 in flight, 12 waiting behind them
    release();
    await writer.flush();
    expect(batches).toEqual([3, 5, 5, 2]);
  });

  it('flush retries while a backoff ends before its deadline, and stops when the next would not', async () => {
    const writer = new BatchWriter<string>('test', async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    }, { maxQueue: 100, batchSize: 10, flushIntervalMs: 60_000 });
    writer.enqueue('a');
    // First attempt fails (backoff 250 ms, ends before the deadline): one retry, which fails
    // (backoff 500 ms, would end after it): no more.
    await writer.flush(Date.now() + 400);
    expect(writer.stats).toMatchObject({ queued: 1, dropped: 0, failedWrites: 2 });
  });

  it('an outage (no SQLSTATE of the rows) keeps the rows for a retry', async () => {
    let down = true;
    const written: string[] = [];
    const writer = new BatchWriter<string>('test', async (rows) => {
      if (down) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      written.push(...rows);
    }, { maxQueue: 100, batchSize: 10, flushIntervalMs: 60_000 });
    writer.enqueue('a');
    await writer.flush(Date.now() + 50);
    expect(writer.stats).toMatchObject({ queued: 1, dropped: 0, failedWrites: 1 });
    down = false;
    await writer.flush();
    expect(written).toEqual(['a']);
  });
});
