import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { BatchWriter } from '../../../src/common/database/batch-writer';
import { MAX_GROUP_MEMBERS, memberId } from '../../../src/common/database/row-group';
import { RowInsertThread } from '../../../src/common/database/row-insert-thread';
import { AUDIT_COLUMNS, buildAuditRow } from '../../factories/audit-row.factory';
import { createTestApp, type TestApp } from '../../utils/test-app';

const COLUMNS = AUDIT_COLUMNS;
const onPostgres = (process.env.DATABASE_URL ?? '').startsWith('postgres');

/**
 * The insert thread on the real database: what the batch writers rely on, across a thread
 * boundary (values, refusals with their SQLSTATE, a lost thread, shutdown). Only on
 * PostgreSQL: the embedded database writes on the request thread (one session).
 */
(onPostgres ? describe : describe.skip)(`RowInsertThread (integration)${onPostgres ? '' : ' [SKIPPED: DATABASE_URL is not a PostgreSQL URL]'}`, () => {
  let t: TestApp;
  let db: DataSource;
  let thread: RowInsertThread;

  beforeAll(async () => {
    t = await createTestApp({ redis: false });
    db = t.get(DataSource);
  });
  beforeEach(() => {
    thread = new RowInsertThread({ connection: { url: t.database.url }, connections: 2 });
  });
  afterEach(async () => {
    await thread.close();
  });
  afterAll(async () => {
    await t.close();
  });

  const row = buildAuditRow;
  const stored = (ids: string[]): Promise<{ id: string; agent: string | null; data: unknown; created_at: Date }[]> => db.query(`SELECT id, agent, data, created_at FROM audit_events WHERE id = ANY($1::uuid[]) ORDER BY agent`, [ids]);

  it('writes a batch whose values arrive exactly, and a repeated batch once', async () => {
    const texts = ['plain', 'quote " and \\ backslash', 'tab\tnew\nline', 'carriage\rreturn', '\\.', '\\N', 'ünïcødé ✓ 𝄞', 'NULL', ''];
    const rows = texts.map((agent, n) => row({ agent, data: JSON.stringify({ n, agent }) }));
    await thread.insert('audit_events', COLUMNS, rows);
    await thread.insert('audit_events', COLUMNS, rows);
    const back = await stored(rows.map((r) => r.id));
    expect(back).toHaveLength(texts.length);
    for (const r of rows) {
      const s = back.find((b) => b.id === r.id)!;
      expect(s.agent).toBe(r.agent);
      expect(s.data).toEqual(JSON.parse(r.data));
      expect(new Date(s.created_at).toISOString()).toBe('2026-01-02T03:04:05.678Z');
    }
  });

  it('writes the rest of a batch whose first rows are stored already (a retry after a lost answer: COPY meets the primary key, the INSERT path skips them)', async () => {
    const rows = ['r1', 'r2', 'r3', 'r4', 'r5'].map((agent) => row({ agent }));
    await thread.insert('audit_events', COLUMNS, rows.slice(0, 2));
    await thread.insert('audit_events', COLUMNS, rows);
    expect((await stored(rows.map((r) => r.id))).map((s) => s.agent)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('refuses another integrity violation with its own SQLSTATE after the fallback, writing none of the batch', async () => {
    const good = row({ agent: 'not written' });
    await expect(thread.insert('audit_events', COLUMNS, [good, row({ principal: null })])).rejects.toMatchObject({ code: '23502' });
    expect(await stored([good.id])).toHaveLength(0);
  });

  it('expands row groups on the thread: each member a row with the shared columns, ids derived once (a retry inserts nothing twice)', async () => {
    const { id, seq, point, outcome, data, ...shared } = row({ agent: 'grouped' });
    const members = [
      { seq: 1, point: 'identity', outcome, data: '{"n":1}' },
      { seq: 2, point: 'agent_context', outcome, data: '{"n":2}' },
      { seq, point, outcome: 'allow', data },
    ];
    const groups = [{ id, shared, members }];
    await thread.insertGroups('audit_events', COLUMNS, groups);
    await thread.insertGroups('audit_events', COLUMNS, groups);
    const back: { id: string; point: string; seq: number; agent: string; outcome: string | null; data: unknown }[] = await db.query(`SELECT id, point, seq, agent, outcome, data FROM audit_events WHERE trace_id = $1 ORDER BY id`, [shared.trace_id]);
    expect(back.map((b) => [b.id, b.point, b.seq, b.agent, b.outcome, b.data])).toEqual([
      [memberId(id, 0), 'identity', 1, 'grouped', null, { n: 1 }],
      [memberId(id, 1), 'agent_context', 2, 'grouped', null, { n: 2 }],
      [memberId(id, 2), 'permissions', 3, 'grouped', 'allow', {}],
    ]);
  });

  it('refuses a group it cannot expand as a data exception, and keeps serving', async () => {
    const { id, ...shared } = row();
    const oversized = { id, shared, members: Array.from({ length: MAX_GROUP_MEMBERS + 1 }, () => ({})) };
    await expect(thread.insertGroups('audit_events', COLUMNS, [oversized])).rejects.toMatchObject({ code: '22000' });
    const next = row({ agent: 'after' });
    await thread.insert('audit_events', COLUMNS, [next]);
    expect(await stored([next.id])).toHaveLength(1);
  });

  it("rejects a batch the database refuses with the refusal's SQLSTATE, and keeps serving", async () => {
    const good = row({ agent: 'kept' });
    await expect(thread.insert('audit_events', COLUMNS, [good, row({ trace_id: 'x'.repeat(129) })])).rejects.toMatchObject({ code: '22001' });
    await expect(thread.insert('audit_events', COLUMNS, [row({ agent: 'nul \u0000 byte' })])).rejects.toMatchObject({ code: '22021' });
    expect(await stored([good.id])).toHaveLength(0);
    await thread.insert('audit_events', COLUMNS, [good]);
    expect(await stored([good.id])).toHaveLength(1);
  });

  it('refuses a row that cannot be copied to the thread as a data exception, which the batch writer drops alone', async () => {
    const rows = [row({ agent: 'a' }), row({ agent: () => 'not data' }), row({ agent: 'c' })];
    await expect(thread.insert('audit_events', COLUMNS, rows)).rejects.toMatchObject({ code: '22000' });
    const writer = new BatchWriter<Record<string, unknown>>('audit_events', (batch) => thread.insert('audit_events', COLUMNS, batch), { maxQueue: 10, batchSize: 10, flushIntervalMs: 5 });
    for (const r of rows) writer.enqueue(r);
    await writer.flush(Date.now() + 10_000);
    expect(writer.stats).toMatchObject({ written: 2, dropped: 1, queued: 0 });
    expect((await stored(rows.map((r) => r.id as string))).map((s) => s.agent)).toEqual(['a', 'c']);
  });

  it('fails the batches in flight without a SQLSTATE when the thread dies, and starts a new one for the next', async () => {
    const first = row({ agent: 'before' });
    await thread.insert('audit_events', COLUMNS, [first]);
    // A lock held elsewhere keeps the next batch in flight while the thread dies.
    const locker = new Client({ connectionString: t.database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN; LOCK TABLE audit_events IN EXCLUSIVE MODE');
      const inFlight = thread.insert('audit_events', COLUMNS, [row({ agent: 'lost' })]).then(() => null, (e: Error & { code?: string }) => e);
      await new Promise((r) => setTimeout(r, 200));
      await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      const err = await inFlight;
      expect(err?.message).toMatch(/the row insert thread exited/);
      expect(err?.code).toBeUndefined();
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    const after = row({ agent: 'after' });
    await thread.insert('audit_events', COLUMNS, [after]);
    expect((await stored([first.id, after.id])).map((s) => s.agent)).toEqual(['after', 'before']);
  });

  it('fails retryably (no data-exception SQLSTATE) while the database cannot be reached', async () => {
    const unreachable = new RowInsertThread({ connection: { url: 'postgres://postgres@127.0.0.1:1/none' }, connections: 1 });
    try {
      const err = await unreachable.insert('audit_events', COLUMNS, [row()]).then(() => null, (e: Error & { code?: string }) => e);
      expect(err?.message).toMatch(/ECONNREFUSED/);
      expect(err?.code).toBe('ECONNREFUSED');
    } finally {
      await unreachable.close();
    }
  });

  it('ends a batch still held at close (after its grace period) instead of leaving it pending', async () => {
    const locker = new Client({ connectionString: t.database.url });
    await locker.connect();
    try {
      await thread.insert('audit_events', COLUMNS, [row()]);
      await locker.query('BEGIN; LOCK TABLE audit_events IN EXCLUSIVE MODE');
      const held = thread.insert('audit_events', COLUMNS, [row()]).then(() => null, (e: Error) => e);
      await new Promise((r) => setTimeout(r, 200));
      await thread.close();
      expect((await held)?.message).toMatch(/^the row insert thread exited/);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });

  it('writes nothing after close, and says so', async () => {
    await thread.insert('audit_events', COLUMNS, [row()]);
    await thread.close();
    await expect(thread.insert('audit_events', COLUMNS, [row()])).rejects.toThrow('the row insert thread is closed');
  });
});
