import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Content documents written through the API; they override services/content files by slug. */
export class CreateContentDocuments1764000000600 implements MigrationInterface {
  name = 'CreateContentDocuments1764000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "content_documents" (
      "slug" varchar(128) PRIMARY KEY,
      "title" varchar(300) NOT NULL,
      "body" text NOT NULL,
      "tags" text[] NOT NULL DEFAULT '{}',
      "published" boolean NOT NULL DEFAULT true,
      "deleted_at" timestamptz,
      "created_by" uuid,
      "updated_by" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "content_documents"`);
  }
}
