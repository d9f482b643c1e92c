import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenants (with the default tenant), users, personal access tokens, sessions. */
export class CreateIdentity1764000000100 implements MigrationInterface {
  name = 'CreateIdentity1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "tenants" (
      "id" uuid PRIMARY KEY,
      "slug" varchar(64) NOT NULL UNIQUE,
      "name" varchar(200) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`INSERT INTO "tenants" ("id", "slug", "name") VALUES ('00000000-0000-4000-8000-000000000001', 'default', 'Default tenant')`);
    await q.query(`CREATE TABLE "users" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
      "email" varchar(320) NOT NULL,
      "name" varchar(200) NOT NULL,
      "role" varchar(32) NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT 'active',
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_users_tenant_email" ON "users" ("tenant_id", lower("email"))`);
    await q.query(`CREATE INDEX "ix_users_role" ON "users" ("role")`);
    await q.query(`CREATE TABLE "personal_access_tokens" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "name" varchar(200) NOT NULL,
      "prefix" char(12) NOT NULL UNIQUE,
      "token_hash" char(64) NOT NULL,
      "scopes" text[],
      "expires_at" timestamptz,
      "last_used_at" timestamptz,
      "revoked_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "ix_pat_user" ON "personal_access_tokens" ("user_id")`);
    await q.query(`CREATE TABLE "sessions" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "kind" varchar(32) NOT NULL,
      "client_id" varchar(200),
      "expires_at" timestamptz NOT NULL,
      "revoked_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "ix_sessions_user" ON "sessions" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sessions"`);
    await q.query(`DROP TABLE "personal_access_tokens"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TABLE "tenants"`);
  }
}
