import { ExportQueue, NonRetryableExportError } from './export-queue';

describe('ExportQueue', () => {
  const counters = () => {
    const c = { sent: 0, dropped: [] as string[], failed: 0 };
    return { c, hooks: { sent: (n: number) => (c.sent += n), dropped: (n: number, reason: string) => c.dropped.push(`${n}:${reason}`), failed: () => c.failed++ } };
  };
  const options = { maxQueue: 5, batchSize: 2, flushIntervalMs: 1000, maxRetries: 2, retryBaseMs: 100 };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends a full batch at once and the rest after the flush interval', async () => {
    const batches: number[][] = [];
    const { c, hooks } = counters();
    const q = new ExportQueue<number>(async (b) => void batches.push(b), options, hooks);
    [1, 2, 3].forEach((n) => q.enqueue(n));
    await jest.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([[1, 2]]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(batches).toEqual([[1, 2], [3]]);
    expect(c.sent).toBe(3);
  });

  it('retries with exponential backoff, then succeeds', async () => {
    let calls = 0;
    const times: number[] = [];
    const { c, hooks } = counters();
    const q = new ExportQueue<number>(async () => {
      times.push(Date.now());
      if (++calls < 3) throw new Error('503');
    }, options, hooks);
    q.enqueue(1);
    q.enqueue(2);
    await jest.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(3);
    expect(times[1]! - times[0]!).toBe(100);
    expect(times[2]! - times[1]!).toBe(200);
    expect(c).toEqual({ sent: 2, dropped: [], failed: 2 });
  });

  it('drops a batch after max retries, and at once when the error is not retryable', async () => {
    const { c, hooks } = counters();
    const q = new ExportQueue<number>(async (b) => {
      throw b[0] === 1 ? new Error('down') : new NonRetryableExportError('400');
    }, options, hooks);
    q.enqueue(1);
    q.enqueue(2);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(c.dropped).toEqual(['2:send_failed']);
    expect(c.failed).toBe(3);
    q.enqueue(3);
    q.enqueue(4);
    await jest.advanceTimersByTimeAsync(0);
    expect(c.dropped).toEqual(['2:send_failed', '2:send_failed']);
    expect(c.failed).toBe(4);
  });

  it('is bounded: a full queue drops and counts new items', async () => {
    const { c, hooks } = counters();
    const q = new ExportQueue<number>(() => new Promise(() => undefined), options, hooks);
    for (let i = 0; i < 8; i++) q.enqueue(i);
    expect(q.depth).toBe(5);
    expect(c.dropped).toEqual(['1:queue_full', '1:queue_full', '1:queue_full']);
    q.close();
  });
});
