import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the analytics reports. ai_requests already has (created_at), (user_id, created_at),
 * (model, created_at) and governance_decisions (created_at), (user_id, created_at): they serve
 * every time window and the per-user ("own data") reports. Only the agents report, which reads
 * the rows that carry an agent name, needs one more: a partial index, small when agent traffic
 * is a minority. Built CONCURRENTLY (outside a transaction) so a large live table keeps taking
 * writes meanwhile; see docs/observability.md for the measurements behind the choice.
 */
export class AddAnalyticsIndexes1764000000500 implements MigrationInterface {
  name = 'AddAnalyticsIndexes1764000000500';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    // An interrupted concurrent build leaves an invalid index that IF NOT EXISTS would keep.
    const invalid: unknown[] = await q.query(`SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'ix_ai_requests_agent_created' AND NOT i.indisvalid`);
    if (invalid.length > 0) await q.query(`DROP INDEX "ix_ai_requests_agent_created"`);
    await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS "ix_ai_requests_agent_created" ON "ai_requests" ("created_at") WHERE "agent" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Plain DROP: undo runs inside a transaction whatever `transaction` says, and a drop is quick.
    await q.query(`DROP INDEX IF EXISTS "ix_ai_requests_agent_created"`);
  }
}
