import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An ES256 signing key shared by every replica. The private key is stored encrypted
 * (AES-256-GCM, key derived from `jwt_secret`); the public JWK is served at jwks.json.
 */
@Entity({ name: 'oauth_signing_keys' })
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'kid' })
  kid: string;

  @Column({ type: 'varchar', length: 16, name: 'alg' })
  alg: string;

  @Column({ type: 'jsonb', name: 'public_jwk' })
  publicJwk: Record<string, string>;

  /** base64url(iv ‖ tag ‖ ciphertext) of the PKCS#8 DER private key. */
  @Column({ type: 'text', name: 'private_key_enc' })
  privateKeyEnc: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  /** When a newer key took over signing; null for the active key. */
  @Column({ type: 'timestamptz', name: 'retired_at', nullable: true })
  retiredAt: Date | null;

  /** After this the key verifies nothing and leaves jwks.json; null while it signs. */
  @Column({ type: 'timestamptz', name: 'verify_until', nullable: true })
  verifyUntil: Date | null;
}
