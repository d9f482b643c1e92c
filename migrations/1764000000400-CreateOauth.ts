import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The OAuth authorization server: signing keys, clients, codes, refresh tokens, passkeys. */
export class CreateOauth1764000000400 implements MigrationInterface {
  name = 'CreateOauth1764000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "oauth_signing_keys" (
      "kid" varchar(64) PRIMARY KEY,
      "alg" varchar(16) NOT NULL,
      "public_jwk" jsonb NOT NULL,
      "private_key_enc" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "retired_at" timestamptz,
      "verify_until" timestamptz
    )`);
    await q.query(`CREATE TABLE "oauth_clients" (
      "id" varchar(64) PRIMARY KEY,
      "secret_hash" char(64),
      "name" varchar(200),
      "redirect_uris" text[] NOT NULL DEFAULT '{}',
      "grant_types" text[] NOT NULL,
      "token_endpoint_auth_method" varchar(32) NOT NULL,
      "scope" text NOT NULL,
      "first_party" boolean NOT NULL DEFAULT false,
      "service_role" varchar(32),
      "metadata" jsonb NOT NULL DEFAULT '{}',
      "registered_by" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "oauth_authorization_codes" (
      "code_hash" char(64) PRIMARY KEY,
      "client_id" varchar(64) NOT NULL REFERENCES "oauth_clients"("id") ON DELETE CASCADE,
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "redirect_uri" text NOT NULL,
      "code_challenge" varchar(128) NOT NULL,
      "scope" text NOT NULL,
      "nonce" varchar(512),
      "resource" text,
      "auth_time" timestamptz NOT NULL,
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz,
      "family_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "oauth_refresh_tokens" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "token_hash" char(64) NOT NULL UNIQUE,
      "family_id" uuid NOT NULL REFERENCES "sessions"("id") ON DELETE CASCADE,
      "client_id" varchar(64) NOT NULL REFERENCES "oauth_clients"("id") ON DELETE CASCADE,
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "scope" text NOT NULL,
      "resource" text,
      "auth_time" timestamptz NOT NULL,
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz,
      "revoked_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "ix_oauth_refresh_family" ON "oauth_refresh_tokens" ("family_id")`);
    await q.query(`CREATE TABLE "oauth_passkeys" (
      "id" varchar(1024) PRIMARY KEY,
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "public_key" bytea NOT NULL,
      "counter" bigint NOT NULL DEFAULT 0,
      "transports" text[],
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_used_at" timestamptz
    )`);
    await q.query(`CREATE INDEX "ix_oauth_passkeys_user" ON "oauth_passkeys" ("user_id")`);
    await q.query(`CREATE TABLE "oauth_enrolments" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "token_hash" char(64) NOT NULL UNIQUE,
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "created_by" uuid,
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "oauth_webauthn_challenges" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "challenge" varchar(128) NOT NULL UNIQUE,
      "purpose" varchar(16) NOT NULL,
      "enrolment_id" uuid REFERENCES "oauth_enrolments"("id") ON DELETE CASCADE,
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "ix_oauth_challenges_expires" ON "oauth_webauthn_challenges" ("expires_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "oauth_webauthn_challenges"`);
    await q.query(`DROP TABLE "oauth_enrolments"`);
    await q.query(`DROP TABLE "oauth_passkeys"`);
    await q.query(`DROP TABLE "oauth_refresh_tokens"`);
    await q.query(`DROP TABLE "oauth_authorization_codes"`);
    await q.query(`DROP TABLE "oauth_clients"`);
    await q.query(`DROP TABLE "oauth_signing_keys"`);
  }
}
