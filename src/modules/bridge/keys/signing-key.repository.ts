import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The `system_settings` row holding the generated manifest key. */
export const SIGNING_KEY_SETTING = 'bridge.manifest_signing_key';

export interface StoredSigningKey {
  algorithm: 'Ed25519';
  key_id: string;
  public_key_pem: string;
  /** The PKCS#8 DER private key, sealed by SigningKeyCipherService. */
  private_key_enc: string;
  created_at: string;
}

/** The only place that touches the manifest key's row of system_settings. */
@Injectable()
export class SigningKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async read(): Promise<StoredSigningKey | null> {
    const rows: { value: StoredSigningKey }[] = await this.dataSource.query(`SELECT "value" FROM "system_settings" WHERE "key" = $1`, [SIGNING_KEY_SETTING]);
    return rows[0]?.value ?? null;
  }

  /** False when a key is already stored (the first writer wins). */
  async insert(value: StoredSigningKey): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO "system_settings" ("key", "value", "updated_at") VALUES ($1, $2::jsonb, now()) ON CONFLICT ("key") DO NOTHING RETURNING "key"`,
      [SIGNING_KEY_SETTING, JSON.stringify(value)],
    );
    return rows.length === 1;
  }
}
