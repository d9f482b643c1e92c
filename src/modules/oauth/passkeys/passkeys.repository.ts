import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Repository } from 'typeorm';
import { EnrolmentEntity } from './enrolment.entity';
import { PasskeyEntity } from './passkey.entity';
import { type ChallengePurpose, WebauthnChallengeEntity } from './webauthn-challenge.entity';

/** The only place that touches oauth_passkeys, oauth_enrolments and oauth_webauthn_challenges. */
@Injectable()
export class PasskeysRepository {
  constructor(
    @InjectRepository(PasskeyEntity) private readonly passkeys: Repository<PasskeyEntity>,
    @InjectRepository(EnrolmentEntity) private readonly enrolments: Repository<EnrolmentEntity>,
    @InjectRepository(WebauthnChallengeEntity) private readonly challenges: Repository<WebauthnChallengeEntity>,
  ) {}

  async insertPasskey(passkey: Omit<PasskeyEntity, 'createdAt' | 'lastUsedAt'>): Promise<void> {
    await this.passkeys.insert({ ...passkey, lastUsedAt: null });
  }

  findPasskey(id: string): Promise<PasskeyEntity | null> {
    return id.length <= 1024 ? this.passkeys.findOne({ where: { id } }) : Promise.resolve(null);
  }

  listPasskeys(userId: string): Promise<PasskeyEntity[]> {
    return this.passkeys.find({ where: { userId } });
  }

  /**
   * Stores a counter only if it grows (or both are 0: authenticators without a counter), in one
   * statement, so two replicas cannot both accept the same signature.
   */
  async advanceCounter(id: string, counter: number, at: Date): Promise<boolean> {
    const result = await this.passkeys
      .createQueryBuilder()
      .update()
      .set({ counter, lastUsedAt: at })
      .where('id = :id AND (counter < :counter OR (counter = 0 AND :counter = 0))', { id, counter })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async insertEnrolment(enrolment: Pick<EnrolmentEntity, 'tokenHash' | 'userId' | 'createdBy' | 'expiresAt'>): Promise<EnrolmentEntity> {
    return this.enrolments.save(this.enrolments.create({ ...enrolment, usedAt: null }));
  }

  findEnrolment(tokenHash: string): Promise<EnrolmentEntity | null> {
    return this.enrolments.findOne({ where: { tokenHash } });
  }

  async useEnrolment(id: string, at: Date): Promise<boolean> {
    const result = await this.enrolments.update({ id, usedAt: IsNull() }, { usedAt: at });
    return (result.affected ?? 0) > 0;
  }

  async insertChallenge(challenge: Pick<WebauthnChallengeEntity, 'challenge' | 'purpose' | 'enrolmentId' | 'expiresAt'>): Promise<WebauthnChallengeEntity> {
    await this.challenges.delete({ expiresAt: LessThan(new Date(Date.now() - 3_600_000)) });
    return this.challenges.save(this.challenges.create({ ...challenge, usedAt: null }));
  }

  /** Marks the challenge used and returns it, atomically; null when unknown, used or of another purpose. */
  async consumeChallenge(challenge: string, purpose: ChallengePurpose, at: Date): Promise<WebauthnChallengeEntity | null> {
    const row = await this.challenges.findOne({ where: { challenge, purpose } });
    if (!row) return null;
    const result = await this.challenges.update({ id: row.id, usedAt: IsNull() }, { usedAt: at });
    return (result.affected ?? 0) > 0 ? row : null;
  }
}
