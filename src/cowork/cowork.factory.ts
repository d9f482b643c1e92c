import * as path from 'node:path';
import { loadCoworkConfig, requireGatewayUrl } from './config/cowork-config.loader';
import { type CoworkPaths, resolveCoworkPaths } from './config/cowork-paths.provider';
import type { CoworkConfig, CoworkEnv, CoworkIo } from './cowork.types';
import { GatewayRepository } from './gateway.repository';
import { ManifestStoreRepository } from './manifest/manifest-store.repository';
import { ManifestService } from './manifest/manifest.service';
import { createCredentialProviders } from './providers/credential-providers.factory';
import { TokenCacheRepository } from './token/token-cache.repository';
import { TokenService } from './token/token.service';

/** Everything the helper takes from the process, gathered once in main.ts. */
export interface CoworkContext {
  readonly env: CoworkEnv;
  readonly io: CoworkIo;
  readonly platform: NodeJS.Platform;
  readonly home: string;
  readonly cwd: string;
  /** Unix time in seconds. */
  readonly now: () => number;
}

/** The composition root: the only place the helper's parts are wired together. */
export class CoworkFactory {
  readonly paths: CoworkPaths;
  private loaded: CoworkConfig | null = null;

  constructor(private readonly ctx: CoworkContext) {
    this.paths = resolveCoworkPaths(ctx);
  }

  /** Loaded on first use, so `uninstall` works even with a broken cowork.toml. */
  get config(): CoworkConfig {
    this.loaded ??= loadCoworkConfig(this.ctx.env, this.paths, (line) => this.note(line));
    return this.loaded;
  }

  note(line: string): void {
    this.ctx.io.err(`systemprompt-cowork: ${line}`);
  }

  /** Opens a connection pool to the configured gateway; the caller must close it. */
  gateway(): GatewayRepository {
    return new GatewayRepository(requireGatewayUrl(this.config, this.paths));
  }

  tokenCache(): TokenCacheRepository {
    return new TokenCacheRepository(this.paths.cacheFile);
  }

  tokenService(gateway: GatewayRepository, useCache: boolean): TokenService {
    return new TokenService({
      gatewayUrl: gateway.baseUrl,
      gateway,
      providers: createCredentialProviders(this.config),
      cache: useCache ? this.tokenCache() : null,
      now: this.ctx.now,
      note: (line) => this.note(line),
      configHint: this.config.source ?? this.paths.configFile,
    });
  }

  manifestStore(target: string): ManifestStoreRepository {
    return new ManifestStoreRepository(path.resolve(this.ctx.cwd, target));
  }

  manifestService(target: string): ManifestService {
    const { manifest, source } = this.config;
    const pinned = manifest === null ? null : { pem: manifest.publicKeyPem, source: source ?? this.paths.configFile };
    return new ManifestService(this.manifestStore(target), pinned, (line) => this.note(line));
  }
}
