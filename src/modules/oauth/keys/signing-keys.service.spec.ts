import { generateKeyPairSync } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { SystempromptOptions } from '../../../bootstrap/extension.types';
import type { GatewayJwtService } from '../../../common/auth/gateway-jwt.service';
import type { Clock } from '../../../common/clock/clock.provider';
import type { OauthSettings } from '../oauth-settings.provider';
import type { KeyCipherService } from './key-cipher.service';
import type { SigningKeyEntity } from './signing-key.entity';
import type { SigningKeysRepository } from './signing-keys.repository';
import { SigningKeysService } from './signing-keys.service';

/** A stored key whose "encrypted" private key is its DER (the cipher below passes it through). */
function storedKey(kid: string, createdAt: Date): SigningKeyEntity {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  return {
    kid,
    alg: 'ES256',
    publicJwk: { ...jwk, kid, alg: 'ES256', use: 'sig' },
    privateKeyEnc: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    createdAt,
    retiredAt: null,
    verifyUntil: null,
  } as unknown as SigningKeyEntity;
}

/** Every read is held until `release()`, so tests can pile callers onto it. */
function heldRepository(keys: SigningKeyEntity[]) {
  const held: (() => void)[] = [];
  const hold = <T>(value: () => T): Promise<T> => new Promise((resolve) => held.push(() => resolve(value())));
  const repository = {
    listActive: jest.fn(() => hold(() => keys.filter((k) => k.retiredAt === null))),
    listVerifying: jest.fn(() => hold(() => [...keys])),
  };
  const release = async () => {
    await new Promise((r) => setImmediate(r));
    held.splice(0).forEach((go) => go());
    await new Promise((r) => setImmediate(r));
  };
  return { repository, release };
}

function service(repository: object, clock: { nowMs(): number; now(): Date }) {
  const cipher = { decrypt: (enc: string) => Buffer.from(enc, 'base64') } as unknown as KeyCipherService;
  return new SigningKeysService(
    {} as SystempromptOptions,
    repository as unknown as SigningKeysRepository,
    cipher,
    {} as OauthSettings,
    {} as GatewayJwtService,
    {} as DataSource,
    clock as unknown as Clock,
  );
}

describe('SigningKeysService', () => {
  let now: number;
  const clock = { nowMs: () => now, now: () => new Date(now) };
  beforeEach(() => {
    now = Date.parse('2026-11-24T12:00:00Z');
  });

  it('loads the signer once for all callers when its refresh falls due', async () => {
    const { repository, release } = heldRepository([storedKey('k1', new Date(now))]);
    const keys = service(repository, clock);
    const first = keys.currentSigner();
    await release();
    expect((await first).kid).toBe('k1');

    now += 61_000;
    const callers = Array.from({ length: 20 }, () => keys.currentSigner());
    await release();
    const signers = await Promise.all(callers);
    expect(signers.every((s) => s.kid === 'k1')).toBe(true);
    expect(repository.listActive).toHaveBeenCalledTimes(2);

    // Within the refresh period nothing is read.
    await keys.currentSigner();
    expect(repository.listActive).toHaveBeenCalledTimes(2);
  });

  it('reads the key set once for a burst of tokens carrying an unknown kid', async () => {
    const stored = [storedKey('k1', new Date(now))];
    const { repository, release } = heldRepository(stored);
    const keys = service(repository, clock);
    stored.push(storedKey('k2', new Date(now)));
    const lookups = Array.from({ length: 20 }, () => keys.resolve('k2'));
    await release();
    const found = await Promise.all(lookups);
    expect(found.every((k) => k?.alg === 'ES256')).toBe(true);
    expect(repository.listVerifying).toHaveBeenCalledTimes(1);

    // An unknown kid right after does not read again (at most one read every 5 s).
    await expect(keys.resolve('nope')).resolves.toBeNull();
    expect(repository.listVerifying).toHaveBeenCalledTimes(1);
  });

  it('lets a failed load fail its callers only: the next call loads again', async () => {
    const repository = { listActive: jest.fn().mockRejectedValueOnce(new Error('database away')).mockResolvedValue([storedKey('k1', new Date(now))]) };
    const keys = service(repository, clock);
    const failed = [keys.currentSigner(), keys.currentSigner()];
    await expect(Promise.all(failed)).rejects.toThrow('database away');
    expect(repository.listActive).toHaveBeenCalledTimes(1);
    await expect(keys.currentSigner()).resolves.toMatchObject({ kid: 'k1' });
  });

  it('does not apply a key-set read that finishes after a later one', async () => {
    const stored = [storedKey('old', new Date(now))];
    const answers: ((rows: SigningKeyEntity[]) => void)[] = [];
    const repository = { listVerifying: jest.fn(() => new Promise<SigningKeyEntity[]>((resolve) => answers.push(resolve))) };
    const keys = service(repository, clock);
    const stale = keys.resolve('new');
    const fresh = keys.publicJwks();
    const withNew = [...stored, storedKey('new', new Date(now))];
    answers[1](withNew);
    expect((await fresh).map((k) => k.kid)).toEqual(['old', 'new']);
    answers[0](stored);
    await stale;
    // The earlier read (without 'new') came back last and was not applied.
    await expect(keys.resolve('new')).resolves.toMatchObject({ alg: 'ES256' });
  });
});
