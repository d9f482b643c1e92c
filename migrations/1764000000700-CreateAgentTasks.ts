import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A2A tasks and their history, so `tasks/get` and `tasks/cancel` work on any replica. */
export class CreateAgentTasks1764000000700 implements MigrationInterface {
  name = 'CreateAgentTasks1764000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "agent_tasks" (
      "id" uuid PRIMARY KEY,
      "context_id" varchar(128) NOT NULL,
      "agent" varchar(100) NOT NULL,
      "user_id" uuid,
      "tenant_id" uuid,
      "trace_id" varchar(128) NOT NULL,
      "state" varchar(24) NOT NULL,
      "status_message" jsonb,
      "history" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "artifacts" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "ix_agent_tasks_context" ON "agent_tasks" ("context_id")`);
    await q.query(`CREATE INDEX "ix_agent_tasks_user_created" ON "agent_tasks" ("user_id", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "agent_tasks"`);
  }
}
