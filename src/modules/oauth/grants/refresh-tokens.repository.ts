import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';

/** The only place that touches oauth_refresh_tokens. */
@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>) {}

  async insert(token: Omit<RefreshTokenEntity, 'id' | 'usedAt' | 'revokedAt' | 'createdAt'>): Promise<void> {
    await this.tokens.insert({ ...token, usedAt: null, revokedAt: null });
  }

  findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.tokens.findOne({ where: { tokenHash } });
  }

  /** Marks a live token used, atomically (see AuthorizationCodesRepository.consume). */
  async consume(tokenHash: string, at: Date): Promise<boolean> {
    const result = await this.tokens.update({ tokenHash, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: at });
    return (result.affected ?? 0) > 0;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: at });
  }
}
