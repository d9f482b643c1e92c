import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { PersonalAccessTokenEntity } from './entities/personal-access-token.entity';

/** The only place that touches personal_access_tokens. */
@Injectable()
export class TokensRepository {
  constructor(@InjectRepository(PersonalAccessTokenEntity) private readonly tokens: Repository<PersonalAccessTokenEntity>) {}

  insert(token: Pick<PersonalAccessTokenEntity, 'userId' | 'name' | 'prefix' | 'tokenHash' | 'scopes' | 'expiresAt'>): Promise<PersonalAccessTokenEntity> {
    return this.tokens.save(this.tokens.create(token));
  }

  findByPrefix(prefix: string): Promise<PersonalAccessTokenEntity | null> {
    return this.tokens.findOne({ where: { prefix } });
  }

  findById(id: string): Promise<PersonalAccessTokenEntity | null> {
    return this.tokens.findOne({ where: { id } });
  }

  listForUser(userId: string): Promise<PersonalAccessTokenEntity[]> {
    return this.tokens.find({ where: { userId }, order: { createdAt: 'DESC' } });
  }

  /** True when this call revoked it (it was live before). */
  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.tokens.update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.tokens.update({ id }, { lastUsedAt: at });
  }
}
