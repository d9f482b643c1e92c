import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthorizationCodeEntity } from './authorization-code.entity';

/** The only place that touches oauth_authorization_codes. */
@Injectable()
export class AuthorizationCodesRepository {
  constructor(@InjectRepository(AuthorizationCodeEntity) private readonly codes: Repository<AuthorizationCodeEntity>) {}

  async insert(code: Omit<AuthorizationCodeEntity, 'usedAt' | 'familyId' | 'createdAt'>): Promise<void> {
    await this.codes.insert({ ...code, usedAt: null, familyId: null });
  }

  /**
   * Marks the code used (with the grant family it is exchanged for) and returns it, in one
   * statement: of two replicas redeeming the same code at once, exactly one gets the row, and
   * the other then sees the family. Null when it does not exist or was used before.
   */
  async consume(codeHash: string, at: Date, familyId: string | null): Promise<AuthorizationCodeEntity | null> {
    const result = await this.codes
      .createQueryBuilder()
      .update()
      .set({ usedAt: at, familyId })
      .where('code_hash = :codeHash AND used_at IS NULL', { codeHash })
      .returning('*')
      .execute();
    const row = (result.raw as Record<string, unknown>[])[0];
    return row ? this.codes.create(fromRaw(row)) : null;
  }

  findByHash(codeHash: string): Promise<AuthorizationCodeEntity | null> {
    return this.codes.findOne({ where: { codeHash } });
  }

  async setFamily(codeHash: string, familyId: string): Promise<void> {
    await this.codes.update({ codeHash }, { familyId });
  }
}

function fromRaw(row: Record<string, unknown>): Partial<AuthorizationCodeEntity> {
  return {
    codeHash: row.code_hash as string,
    clientId: row.client_id as string,
    userId: row.user_id as string,
    redirectUri: row.redirect_uri as string,
    codeChallenge: row.code_challenge as string,
    scope: row.scope as string,
    nonce: (row.nonce as string | null) ?? null,
    resource: (row.resource as string | null) ?? null,
    authTime: new Date(row.auth_time as string),
    expiresAt: new Date(row.expires_at as string),
    usedAt: row.used_at ? new Date(row.used_at as string) : null,
    familyId: (row.family_id as string | null) ?? null,
  };
}
