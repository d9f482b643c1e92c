import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { insertRows } from '../../../src/common/database/multi-row-insert';
import { AUDIT_COLUMNS, buildAuditRow } from '../../factories/audit-row.factory';
import { createTestApp, type TestApp } from '../../utils/test-app';

const COLUMNS = AUDIT_COLUMNS;

/** The batch INSERT (arrays through unnest) on the real database: values round-trip exactly. */
describe('insertRows (integration)', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp({ redis: false });
    db = t.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  const row = buildAuditRow;

  it('stores awkward text, NULLs, JSON and timestamps exactly, and a repeated batch once', async () => {
    // Plain values take the JSON fast path; control characters and a trailing backslash are
    // where JSON and array-literal escaping could disagree.
    const awkward = ['NULL', 'null', 'a,b', '{x}', 'quote " and \\ backslash', "it's", '  spaced  ', 'tab\tnew\nline', 'bell\u0007', 'ends with \\', '\\n not a newline', 'ünïcødé ✓ 𝄞', ''];
    const rows = awkward.map((text, i) => row({ agent: text, tool: i % 2 ? null : text, data: JSON.stringify({ text, n: i, nested: { q: '"' } }) }));
    await insertRows(db, 'audit_events', COLUMNS, rows);
    await insertRows(db, 'audit_events', COLUMNS, rows); // a retried batch: no duplicates
    const stored: { id: string; agent: string; tool: string | null; data: unknown; created_at: Date; seq: number }[] = await db.query(`SELECT id, agent, tool, data, created_at, seq FROM audit_events WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
    expect(stored).toHaveLength(rows.length);
    const byId = new Map(stored.map((s) => [s.id, s]));
    rows.forEach((r, i) => {
      const s = byId.get(r.id)!;
      expect(s.agent).toBe(awkward[i]);
      expect(s.tool).toBe(i % 2 ? null : awkward[i]);
      expect(s.data).toEqual({ text: awkward[i], n: i, nested: { q: '"' } });
      expect(new Date(s.created_at).toISOString()).toBe('2026-01-02T03:04:05.678Z');
      expect(Number(s.seq)).toBe(3);
    });
  });

  it('stores a lone surrogate as the replacement character, as the driver always did', async () => {
    const r = row({ agent: 'half \ud800 pair' });
    await insertRows(db, 'audit_events', COLUMNS, [r]);
    const [stored] = await db.query(`SELECT agent FROM audit_events WHERE id = $1`, [r.id]);
    expect(stored.agent).toBe('half \ufffd pair');
  });

  it('refuses a value too long for its column instead of truncating it, and writes nothing of that batch', async () => {
    const good = row();
    const tooLong = row({ trace_id: 'x'.repeat(129) });
    await expect(insertRows(db, 'audit_events', COLUMNS, [good, tooLong])).rejects.toThrow(/too long/);
    expect(await db.query(`SELECT 1 FROM audit_events WHERE id = $1`, [good.id])).toHaveLength(0);
  });

  it('names a column the table does not have, and does nothing for an empty batch', async () => {
    await expect(insertRows(db, 'audit_events', ['id', 'nope'] as never, [{ id: randomUUID(), nope: 1 }])).rejects.toThrow('audit_events has no column nope');
    await expect(insertRows(db, 'audit_events', COLUMNS, [])).resolves.toBeUndefined();
  });
});
