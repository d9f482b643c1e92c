import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A refresh token, stored by its SHA-256. Every token of one grant shares a family (the grant's
 * `sessions` row): each use rotates it, and a second use of a rotated one revokes the family.
 */
@Entity({ name: 'oauth_refresh_tokens' })
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  id: string;

  @Column({ type: 'char', length: 64, name: 'token_hash', unique: true })
  tokenHash: string;

  @Index('ix_oauth_refresh_family')
  @Column({ type: 'uuid', name: 'family_id' })
  familyId: string;

  @Column({ type: 'varchar', length: 64, name: 'client_id' })
  clientId: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @Column({ type: 'text', name: 'scope' })
  scope: string;

  @Column({ type: 'text', name: 'resource', nullable: true })
  resource: string | null;

  @Column({ type: 'timestamptz', name: 'auth_time' })
  authTime: Date;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  /** Set when it was exchanged for its successor. */
  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
