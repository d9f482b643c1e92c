import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Key/value settings shared by every replica (generated keys, bootstrap markers). */
export class CreateSystemSettings1764000000000 implements MigrationInterface {
  name = 'CreateSystemSettings1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "system_settings" (
      "key" varchar(128) PRIMARY KEY,
      "value" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "system_settings"`);
  }
}
