import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { SigningKeyEntity } from './signing-key.entity';

/** The only place that touches oauth_signing_keys. */
@Injectable()
export class SigningKeysRepository {
  constructor(@InjectRepository(SigningKeyEntity) private readonly keys: Repository<SigningKeyEntity>) {}

  insert(key: Pick<SigningKeyEntity, 'kid' | 'alg' | 'publicJwk' | 'privateKeyEnc'> & { createdAt: Date }): Promise<SigningKeyEntity> {
    return this.keys.save(this.keys.create({ ...key, retiredAt: null, verifyUntil: null }));
  }

  /** Every key that still verifies at `now`, newest first. */
  async listVerifying(now: Date): Promise<SigningKeyEntity[]> {
    const rows = await this.keys.find({ order: { createdAt: 'DESC' } });
    return rows.filter((k) => k.verifyUntil === null || k.verifyUntil.getTime() > now.getTime());
  }

  listActive(): Promise<SigningKeyEntity[]> {
    return this.keys.find({ where: { retiredAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  findByKid(kid: string): Promise<SigningKeyEntity | null> {
    return this.keys.findOne({ where: { kid } });
  }

  async retire(kid: string, at: Date, verifyUntil: Date): Promise<void> {
    await this.keys.update({ kid, retiredAt: IsNull() }, { retiredAt: at, verifyUntil });
  }
}
