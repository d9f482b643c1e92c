import { generateKeyPairSync } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BootstrapError } from '../../../bootstrap/bootstrap.error';
import { BOOTSTRAP_OPTIONS } from '../../../bootstrap/bootstrap.tokens';
import type { SystempromptOptions } from '../../../bootstrap/extension.types';
import { Clock } from '../../../common/clock/clock.provider';
import { withAdvisoryLock } from '../../../common/database/migration-runner';
import { CONFIGURED_SIGNING_KEY } from '../bridge.tokens';
import { type ManifestSigningKey, parseEd25519PrivateKey, signingKeyFrom } from './manifest-signing-key';
import { SigningKeyCipherService } from './signing-key-cipher.service';
import { SIGNING_KEY_SETTING, SigningKeyRepository } from './signing-key.repository';

const SIGNING_KEY_LOCK = 727_274_900;

/**
 * The manifest signing key: `secrets.manifest_signing_key` when configured (checked at start),
 * otherwise one generated on the first start and stored encrypted in `system_settings`, created
 * under an advisory lock so that every replica ends up with the same key.
 */
@Injectable()
export class SigningKeyService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ManifestSigningKey');
  private loading: Promise<ManifestSigningKey> | null = null;

  constructor(
    @Inject(CONFIGURED_SIGNING_KEY) private readonly configured: ManifestSigningKey | null,
    @Inject(BOOTSTRAP_OPTIONS) private readonly options: SystempromptOptions,
    private readonly repository: SigningKeyRepository,
    private readonly cipher: SigningKeyCipherService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.mode !== 'cli') await this.current();
  }

  current(): Promise<ManifestSigningKey> {
    if (this.configured) return Promise.resolve(this.configured);
    this.loading ??= this.loadOrCreate().catch((err: unknown) => {
      this.loading = null;
      throw err;
    });
    return this.loading;
  }

  private async loadOrCreate(): Promise<ManifestSigningKey> {
    return (await this.readStored()) ?? withAdvisoryLock(this.dataSource, SIGNING_KEY_LOCK, async () => (await this.readStored()) ?? this.create());
  }

  private async readStored(): Promise<ManifestSigningKey | null> {
    const stored = await this.repository.read();
    if (!stored) return null;
    const der = this.cipher.decrypt(stored.private_key_enc, stored.key_id);
    const key = der && parseEd25519PrivateKey(der);
    if (!key) {
      throw new BootstrapError(
        'app-context',
        'system_settings',
        SIGNING_KEY_SETTING,
        'the stored manifest signing key cannot be decrypted with the configured jwt_secret: restore that secret, or set secrets.manifest_signing_key',
      );
    }
    return signingKeyFrom(key);
  }

  private async create(): Promise<ManifestSigningKey> {
    const key = signingKeyFrom(generateKeyPairSync('ed25519').privateKey);
    const inserted = await this.repository.insert({
      algorithm: 'Ed25519',
      key_id: key.keyId,
      public_key_pem: key.publicKeyPem,
      private_key_enc: this.cipher.encrypt(key.privateKey.export({ type: 'pkcs8', format: 'der' }), key.keyId),
      created_at: this.clock.now().toISOString(),
    });
    if (!inserted) return (await this.readStored())!;
    this.logger.log(`generated manifest signing key ${key.keyId}`);
    return key;
  }
}
