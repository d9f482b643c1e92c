import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The gateway's request records, indexed for time-range, per-user and per-model queries. */
export class CreateAiRequests1764000000200 implements MigrationInterface {
  name = 'CreateAiRequests1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "ai_requests" (
      "id" uuid PRIMARY KEY,
      "trace_id" varchar(128) NOT NULL,
      "user_id" uuid,
      "tenant_id" uuid,
      "session_id" varchar(128),
      "client_id" varchar(200),
      "call_source" varchar(32) NOT NULL,
      "model" varchar(200) NOT NULL,
      "upstream_model" varchar(200),
      "provider" varchar(64),
      "route" varchar(200),
      "endpoint" varchar(32) NOT NULL,
      "streamed" boolean NOT NULL,
      "status" smallint NOT NULL,
      "error_type" varchar(64),
      "stop_reason" varchar(64),
      "input_tokens" integer NOT NULL DEFAULT 0,
      "output_tokens" integer NOT NULL DEFAULT 0,
      "cache_read_tokens" integer NOT NULL DEFAULT 0,
      "cache_write_tokens" integer NOT NULL DEFAULT 0,
      "cost_microdollars" bigint NOT NULL DEFAULT 0,
      "latency_ms" integer NOT NULL,
      "ttft_ms" integer,
      "agent" varchar(200),
      "created_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX "ix_ai_requests_created" ON "ai_requests" ("created_at")`);
    await q.query(`CREATE INDEX "ix_ai_requests_user_created" ON "ai_requests" ("user_id", "created_at")`);
    await q.query(`CREATE INDEX "ix_ai_requests_model_created" ON "ai_requests" ("model", "created_at")`);
    await q.query(`CREATE INDEX "ix_ai_requests_trace" ON "ai_requests" ("trace_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "ai_requests"`);
  }
}
