import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | number | null) => (v === null ? 0 : Number(v)) };

/** A WebAuthn credential (passkey) of a user: its public key and signature counter. */
@Entity({ name: 'oauth_passkeys' })
export class PasskeyEntity {
  /** The credential id, base64url. */
  @PrimaryColumn({ type: 'varchar', length: 1024, name: 'id' })
  id: string;

  @Index('ix_oauth_passkeys_user')
  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  /** COSE public key. */
  @Column({ type: 'bytea', name: 'public_key' })
  publicKey: Buffer;

  /** The authenticator's signature counter (uint32); a value that does not grow is refused. */
  @Column({ type: 'bigint', name: 'counter', transformer: bigintAsNumber })
  counter: number;

  @Column({ type: 'text', array: true, name: 'transports', nullable: true })
  transports: string[] | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
}
