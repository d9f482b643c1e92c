import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An authorization code, stored by its SHA-256; single use, bound to client, redirect URI and PKCE challenge. */
@Entity({ name: 'oauth_authorization_codes' })
export class AuthorizationCodeEntity {
  @PrimaryColumn({ type: 'char', length: 64, name: 'code_hash' })
  codeHash: string;

  @Column({ type: 'varchar', length: 64, name: 'client_id' })
  clientId: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @Column({ type: 'text', name: 'redirect_uri' })
  redirectUri: string;

  @Column({ type: 'varchar', length: 128, name: 'code_challenge' })
  codeChallenge: string;

  @Column({ type: 'text', name: 'scope' })
  scope: string;

  @Column({ type: 'varchar', length: 512, name: 'nonce', nullable: true })
  nonce: string | null;

  @Column({ type: 'text', name: 'resource', nullable: true })
  resource: string | null;

  @Column({ type: 'timestamptz', name: 'auth_time' })
  authTime: Date;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt: Date | null;

  /** The grant (sessions row) the code was exchanged for: a replayed code revokes it. */
  @Column({ type: 'uuid', name: 'family_id', nullable: true })
  familyId: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
