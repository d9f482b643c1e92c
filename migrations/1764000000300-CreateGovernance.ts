import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every governance stage's verdict, and the five-point audit trail, both append-only. */
export class CreateGovernance1764000000300 implements MigrationInterface {
  name = 'CreateGovernance1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "governance_decisions" (
      "id" uuid PRIMARY KEY,
      "trace_id" varchar(128) NOT NULL,
      "user_id" uuid,
      "tenant_id" uuid,
      "session_id" varchar(128) NOT NULL,
      "principal" varchar(16) NOT NULL,
      "tool" varchar(300) NOT NULL,
      "server" varchar(100),
      "stage" varchar(32) NOT NULL,
      "decision" varchar(8) NOT NULL,
      "code" varchar(64),
      "reason" varchar(500),
      "policy_version" varchar(32) NOT NULL,
      "created_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX "ix_gov_decisions_created" ON "governance_decisions" ("created_at")`);
    await q.query(`CREATE INDEX "ix_gov_decisions_trace" ON "governance_decisions" ("trace_id")`);
    await q.query(`CREATE INDEX "ix_gov_decisions_user_created" ON "governance_decisions" ("user_id", "created_at")`);
    await q.query(`CREATE TABLE "audit_events" (
      "id" uuid PRIMARY KEY,
      "trace_id" varchar(128) NOT NULL,
      "seq" smallint NOT NULL,
      "point" varchar(24) NOT NULL,
      "user_id" uuid,
      "tenant_id" uuid,
      "session_id" varchar(128),
      "principal" varchar(16) NOT NULL,
      "agent" varchar(200),
      "server" varchar(100),
      "tool" varchar(300),
      "outcome" varchar(16),
      "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX "ix_audit_trace" ON "audit_events" ("trace_id", "seq")`);
    await q.query(`CREATE INDEX "ix_audit_created" ON "audit_events" ("created_at")`);
    await q.query(`CREATE INDEX "ix_audit_user_created" ON "audit_events" ("user_id", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_events"`);
    await q.query(`DROP TABLE "governance_decisions"`);
  }
}
