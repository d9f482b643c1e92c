import type { OauthSettings } from '../oauth-settings.provider';
import { KeyCipherService } from './key-cipher.service';

const cipherFor = (secret: string) => new KeyCipherService({ jwtSecret: secret } as OauthSettings);

describe('signing key encryption', () => {
  const secret = 'a-jwt-secret-that-is-long-enough-0123456789';

  it('round-trips and never stores the plaintext', () => {
    const plain = Buffer.from('private key bytes');
    const sealed = cipherFor(secret).encrypt(plain, 'kid-1');
    expect(sealed).not.toContain(plain.toString('base64url'));
    expect(cipherFor(secret).decrypt(sealed, 'kid-1')).toEqual(plain);
  });

  it('refuses another secret, another kid and altered ciphertext', () => {
    const sealed = cipherFor(secret).encrypt(Buffer.from('k'), 'kid-1');
    expect(cipherFor(`${secret}x`).decrypt(sealed, 'kid-1')).toBeNull();
    expect(cipherFor(secret).decrypt(sealed, 'kid-2')).toBeNull();
    const raw = Buffer.from(sealed, 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(cipherFor(secret).decrypt(raw.toString('base64url'), 'kid-1')).toBeNull();
  });
});
