import { SecretBox } from './secret-box';

const SECRET = 'a-jwt-secret-of-at-least-32-characters!';
const OAUTH_KEYS = { salt: 'systemprompt-oauth-keys', info: 'oauth signing key encryption v1' };

describe('SecretBox', () => {
  it('opens what it sealed, with the same additional data only', () => {
    const box = new SecretBox(SECRET, OAUTH_KEYS);
    const sealed = box.encrypt(Buffer.from('private key'), 'kid-1');
    expect(box.decrypt(sealed, 'kid-1')?.toString()).toBe('private key');
    expect(box.decrypt(sealed, 'kid-2')).toBeNull();
  });

  it('another secret or another context cannot open it; an altered ciphertext does not open', () => {
    const sealed = new SecretBox(SECRET, OAUTH_KEYS).encrypt(Buffer.from('k'), 'kid-1');
    expect(new SecretBox(`${SECRET}-other`, OAUTH_KEYS).decrypt(sealed, 'kid-1')).toBeNull();
    expect(new SecretBox(SECRET, { salt: 'systemprompt-bridge-manifest', info: 'manifest signing key encryption v1' }).decrypt(sealed, 'kid-1')).toBeNull();
    const raw = Buffer.from(sealed, 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(new SecretBox(SECRET, OAUTH_KEYS).decrypt(raw.toString('base64url'), 'kid-1')).toBeNull();
    expect(new SecretBox(SECRET, OAUTH_KEYS).decrypt('not base64url at all!', 'kid-1')).toBeNull();
  });

  it('opens keys stored before the two cipher services were merged (fixed vector: format and derivation unchanged)', () => {
    const storedByOldCode = 'BwcHBwcHBwcHBwcHZfxS2Gqve44IwI0U9F6Q1kQwpaXc6B2hDhcE3h7EBrL0xg';
    expect(new SecretBox(SECRET, OAUTH_KEYS).decrypt(storedByOldCode, 'kid-legacy')?.toString()).toBe('legacy private key');
  });
});
