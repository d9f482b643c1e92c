import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { DataSource } from 'typeorm';
import { BOOTSTRAP_OPTIONS } from '../../../bootstrap/bootstrap.tokens';
import type { SystempromptOptions } from '../../../bootstrap/extension.types';
import { GatewayJwtService, type JwtKeyResolver } from '../../../common/auth/gateway-jwt.service';
import { Clock } from '../../../common/clock/clock.provider';
import { withAdvisoryLock } from '../../../common/database/migration-runner';
import { OauthSettings } from '../oauth-settings.provider';
import { KeyCipherService } from './key-cipher.service';
import type { SigningKeyEntity } from './signing-key.entity';
import { SigningKeysRepository } from './signing-keys.repository';

export const SIGNING_ALG = 'ES256';
const KEYS_LOCK = 727_274_400;
/** How long a replica signs with the key it loaded before looking for a newer one. */
const SIGNER_REFRESH_MS = 60_000;
/** Unknown `kid`s trigger a reload at most this often (a foreign kid must not hammer the database). */
const RELOAD_MIN_MS = 5_000;

export interface ActiveSigner {
  kid: string;
  alg: string;
  key: KeyObject;
}

interface VerifyingKey {
  key: KeyObject;
  jwk: Record<string, string>;
  verifyUntil: number;
}

/**
 * The ES256 keys that sign access and id tokens: created on first start under an advisory lock,
 * rotated by `admin oauth rotate-keys` (the new key signs, the old ones keep verifying until the
 * last token they signed has expired), and lent to GatewayJwtService so tokens carrying one of
 * our `kid`s are accepted wherever a gateway JWT is.
 */
@Injectable()
export class SigningKeysService implements JwtKeyResolver, OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('SigningKeys');
  private verifying = new Map<string, VerifyingKey>();
  private loadedAt = 0;
  private signer: { value: ActiveSigner; loadedAt: number } | null = null;
  /**
   * The signer and key-set loads in flight: concurrent callers share one instead of each
   * querying the database when the signer's refresh falls due or an unknown `kid` arrives.
   */
  private signerLoad: Promise<ActiveSigner> | null = null;
  private reloading: Promise<void> | null = null;
  private readsBegun = 0;
  private newestReadApplied = 0;
  /** Bumped when this replica replaces the active key: a load begun before it is not kept. */
  private signerGeneration = 0;

  constructor(
    @Inject(BOOTSTRAP_OPTIONS) private readonly options: SystempromptOptions,
    private readonly repository: SigningKeysRepository,
    private readonly cipher: KeyCipherService,
    private readonly settings: OauthSettings,
    private readonly jwt: GatewayJwtService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jwt.useKeyResolver(this);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.mode === 'cli') return;
    await this.currentSigner();
  }

  async resolve(kid: string): Promise<{ key: KeyObject; alg: string } | null> {
    let found = this.verifying.get(kid);
    if (!found && this.clock.nowMs() - this.loadedAt >= RELOAD_MIN_MS) {
      await this.reload();
      found = this.verifying.get(kid);
    }
    if (!found || found.verifyUntil <= this.clock.nowMs()) return null;
    return { key: found.key, alg: SIGNING_ALG };
  }

  /** The public keys that still verify, for jwks.json (read afresh: a key just created elsewhere must be there). */
  async publicJwks(): Promise<Record<string, string>[]> {
    await this.readVerifying();
    return [...this.verifying.values()].map((k) => k.jwk);
  }

  /** The key to sign with now; creates the first one if there is none yet. */
  async currentSigner(): Promise<ActiveSigner> {
    if (this.signer && this.clock.nowMs() - this.signer.loadedAt < SIGNER_REFRESH_MS) return this.signer.value;
    this.signerLoad ??= this.loadSigner().finally(() => (this.signerLoad = null));
    return this.signerLoad;
  }

  private async loadSigner(): Promise<ActiveSigner> {
    const generation = this.signerGeneration;
    // No readable key: the first start, or jwt_secret changed (unreadable keys are retired, not lost: they still verify).
    const value = (await this.readActive()) ?? (await withAdvisoryLock(this.dataSource, KEYS_LOCK, async () => (await this.readActive()) ?? (await this.replaceActive()).signer));
    // A rotation on this replica while the load ran has stored a newer key: keep that one.
    if (generation !== this.signerGeneration && this.signer) return this.signer.value;
    this.signer = { value, loadedAt: this.clock.nowMs() };
    return value;
  }

  /** A new key signs from now on; the previous ones verify until their last token expires. */
  async rotate(): Promise<{ kid: string; retired: string[] }> {
    const { signer, retired } = await withAdvisoryLock(this.dataSource, KEYS_LOCK, () => this.replaceActive());
    return { kid: signer.kid, retired };
  }

  /** Call under the lock: a new key, and the previous ones retired. */
  private async replaceActive(): Promise<{ signer: ActiveSigner; retired: string[] }> {
    const previous = await this.repository.listActive();
    const created = await this.create();
    const now = this.clock.now();
    const verifyUntil = new Date(now.getTime() + (this.settings.accessTokenTtl + 60) * 1000 + SIGNER_REFRESH_MS);
    for (const key of previous) await this.repository.retire(key.kid, now, verifyUntil);
    this.signerGeneration++;
    this.signer = { value: created, loadedAt: this.clock.nowMs() };
    await this.readVerifying();
    return { signer: created, retired: previous.map((k) => k.kid) };
  }

  private async readActive(): Promise<ActiveSigner | null> {
    for (const row of await this.repository.listActive()) {
      const der = this.cipher.decrypt(row.privateKeyEnc, row.kid);
      if (der) return { kid: row.kid, alg: row.alg, key: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
      this.logger.warn(`signing key ${row.kid} cannot be decrypted with the configured jwt_secret; it only verifies`);
    }
    return null;
  }

  private async create(): Promise<ActiveSigner> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' }) as JWK;
    const kid = await calculateJwkThumbprint(jwk, 'sha256');
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    await this.repository.insert({
      kid,
      alg: SIGNING_ALG,
      publicJwk: { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y!, kid, alg: SIGNING_ALG, use: 'sig' },
      privateKeyEnc: this.cipher.encrypt(der, kid),
      createdAt: this.clock.now(),
    });
    this.logger.log(`created signing key ${kid}`);
    return { kid, alg: SIGNING_ALG, key: privateKey };
  }

  /**
   * For an unknown `kid`: reads the verifying keys, or joins the read in flight (begun at most
   * one round trip earlier), so a burst of tokens with a new `kid` makes one query, not one each.
   */
  private reload(): Promise<void> {
    this.reloading ??= this.readVerifying().finally(() => (this.reloading = null));
    return this.reloading;
  }

  /** A read that finishes after a later-begun one (e.g. the one after a rotation) is not applied. */
  private async readVerifying(): Promise<void> {
    const read = ++this.readsBegun;
    const rows = await this.repository.listVerifying(this.clock.now());
    if (read < this.newestReadApplied) return;
    this.newestReadApplied = read;
    this.verifying = new Map(rows.map((row) => [row.kid, toVerifying(row)]));
    this.loadedAt = this.clock.nowMs();
  }
}

function toVerifying(row: SigningKeyEntity): VerifyingKey {
  return {
    key: createPublicKey({ key: row.publicJwk, format: 'jwk' }),
    jwk: row.publicJwk,
    verifyUntil: row.verifyUntil?.getTime() ?? Number.POSITIVE_INFINITY,
  };
}
