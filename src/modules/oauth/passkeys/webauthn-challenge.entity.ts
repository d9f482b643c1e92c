import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ChallengePurpose = 'registration' | 'authentication';

/** A WebAuthn challenge handed to a browser; single use, short-lived, shared by every replica. */
@Entity({ name: 'oauth_webauthn_challenges' })
export class WebauthnChallengeEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  id: string;

  @Column({ type: 'varchar', length: 128, name: 'challenge', unique: true })
  challenge: string;

  @Column({ type: 'varchar', length: 16, name: 'purpose' })
  purpose: ChallengePurpose;

  @Column({ type: 'uuid', name: 'enrolment_id', nullable: true })
  enrolmentId: string | null;

  @Index('ix_oauth_challenges_expires')
  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
