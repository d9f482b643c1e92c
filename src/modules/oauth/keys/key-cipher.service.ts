import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OauthSettings } from '../oauth-settings.provider';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a key derived (HKDF-SHA256) from `jwt_secret`, so every replica that shares
 * the secret can read the signing keys and nobody with only a database dump can. The `kid` is
 * bound as additional data: a ciphertext moved to another row does not decrypt.
 */
@Injectable()
export class KeyCipherService {
  private readonly key: Buffer;

  constructor(settings: OauthSettings) {
    this.key = Buffer.from(hkdfSync('sha256', settings.jwtSecret, 'systemprompt-oauth-keys', 'oauth signing key encryption v1', 32));
  }

  encrypt(plain: Buffer, aad: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** Null when the data was not encrypted with this secret (or was altered). */
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
