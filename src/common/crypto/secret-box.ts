import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The HKDF salt and info that give each use of the secret its own key. */
export interface SecretBoxContext {
  salt: string;
  info: string;
}

/**
 * AES-256-GCM under a key derived (HKDF-SHA256) from a shared secret (`jwt_secret`): every
 * replica that shares the secret can open what another sealed, a database dump alone cannot.
 * The caller's additional data (a key id) is bound in: a ciphertext moved next to another id
 * does not open. Sealed form: base64url(iv ‖ tag ‖ ciphertext).
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string, context: SecretBoxContext) {
    this.key = Buffer.from(hkdfSync('sha256', secret, context.salt, context.info, 32));
  }

  encrypt(plain: Buffer, aad: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** Null when it was sealed under another secret or context, for other additional data, or altered. */
  decrypt(sealed: string, aad: string): Buffer | null {
    try {
      const raw = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      return null;
    }
  }
}
