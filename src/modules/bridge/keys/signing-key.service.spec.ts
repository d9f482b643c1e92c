import { generateKeyPairSync } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { BootstrapError } from '../../../bootstrap/bootstrap.error';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import type { Clock } from '../../../common/clock/clock.provider';
import { configuredSigningKey } from './configured-signing-key.provider';
import { SigningKeyCipherService } from './signing-key-cipher.service';
import type { SigningKeyRepository, StoredSigningKey } from './signing-key.repository';
import { SigningKeyService } from './signing-key.service';

const SECRET = 'a-jwt-secret-that-is-long-enough-0123456789';
const config = (secret = SECRET, pem?: string) => ({ secrets: { jwt_secret: secret, manifest_signing_key: pem }, secretsSource: 'environment' }) as unknown as AppConfig;
/** The embedded flavour: withAdvisoryLock serialises in-process, without a PostgreSQL lock. */
const embedded = { options: { extra: { spEmbedded: true } } } as unknown as DataSource;
const clock = { now: () => new Date(0) } as Clock;

class MemorySettings {
  value: StoredSigningKey | null = null;
  inserts = 0;
  async read(): Promise<StoredSigningKey | null> {
    return this.value;
  }
  async insert(value: StoredSigningKey): Promise<boolean> {
    this.inserts++;
    if (this.value) return false;
    this.value = value;
    return true;
  }
}

function make(settings: MemorySettings, cfg = config()): SigningKeyService {
  return new SigningKeyService(configuredSigningKey(cfg), { mode: 'server' }, settings as unknown as SigningKeyRepository, new SigningKeyCipherService(cfg), embedded, clock);
}

describe('SigningKeyService', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('generates one key on first use, shared by every instance on the same settings', async () => {
    const settings = new MemorySettings();
    const [a, b] = await Promise.all([make(settings).current(), make(settings).current()]);
    expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(b.keyId).toBe(a.keyId);
    expect(settings.inserts).toBe(1);
    expect(settings.value?.private_key_enc).not.toContain('PRIVATE');
    expect((await make(settings).current()).keyId).toBe(a.keyId);
  });

  it('refuses a stored key it cannot decrypt (another jwt_secret), naming the setting', async () => {
    const settings = new MemorySettings();
    await make(settings).current();
    const other = make(settings, config('another-jwt-secret-that-is-long-enough-000'));
    await expect(other.current()).rejects.toThrow(BootstrapError);
    await expect(other.current()).rejects.toThrow('system_settings: bridge.manifest_signing_key: the stored manifest signing key cannot be decrypted');
  });

  it('uses a configured Ed25519 key and stores nothing', async () => {
    const settings = new MemorySettings();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const service = make(settings, config(SECRET, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
    expect((await service.current()).publicKeyPem).toBe(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(settings.inserts).toBe(0);
  });

  it.each([
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
    ['a public key', generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    ['garbage', 'not a key'],
  ])('refuses %s as manifest_signing_key', (_, pem) => {
    expect(() => configuredSigningKey(config(SECRET, pem))).toThrow('Bootstrap failed at stage config: environment: manifest_signing_key: must be an Ed25519 private key');
  });
});
