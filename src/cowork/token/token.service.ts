import { CoworkError, describeError } from '../cowork.errors';
import type { IssuedToken } from '../cowork.types';
import type { GatewayRepository } from '../gateway.repository';
import type { CredentialProvider } from '../providers/credential-provider.types';
import type { TokenCache } from './token-cache.repository';

/**
 * A cached token is handed out only while it has more than this left: Claude may hold the
 * token for a while before its request reaches the gateway.
 */
export const REFRESH_MARGIN_SECONDS = 60;

export interface TokenServiceDeps {
  readonly gatewayUrl: string;
  readonly gateway: GatewayRepository;
  readonly providers: readonly CredentialProvider[];
  /** Null with --no-cache: neither read nor written. */
  readonly cache: TokenCache | null;
  /** Unix time in seconds. */
  readonly now: () => number;
  /** A stderr note; never given a credential or a token. */
  readonly note: (line: string) => void;
  /** Where the credentials are configured, for the "nothing configured" message. */
  readonly configHint: string;
}

/** The default command's use case: a valid gateway token, from the cache or a fresh exchange. */
export class TokenService {
  constructor(private readonly deps: TokenServiceDeps) {}

  async obtain(): Promise<IssuedToken> {
    const { providers, configHint } = this.deps;
    if (providers.length === 0) {
      throw new CoworkError('NO_CREDENTIALS', `no credential configured: set pat, [session] token or [mtls] cert and key in ${configHint}, or SP_COWORK_PAT`);
    }
    return (await this.fromCache()) ?? (await this.exchange());
  }

  private async fromCache(): Promise<IssuedToken | null> {
    const { cache, providers, gatewayUrl, now } = this.deps;
    if (cache === null) return null;
    for (const provider of providers) {
      const identity = await provider.cacheIdentity().catch(() => null);
      if (identity === null) continue;
      const hit = await cache.find({ gatewayUrl, provider: provider.name, identity });
      const remaining = hit === null ? 0 : Math.floor(hit.obtained_at + hit.ttl - now());
      if (hit !== null && remaining > REFRESH_MARGIN_SECONDS) return { token: hit.token, ttl: remaining, headers: hit.headers };
    }
    return null;
  }

  /** Tries each provider in order; a failure (501 included) falls through to the next. */
  private async exchange(): Promise<IssuedToken> {
    const { providers, gateway, note } = this.deps;
    const failures: string[] = [];
    for (const [index, provider] of providers.entries()) {
      // Taken before the request, so the expiry computed from it errs early, never late.
      const obtainedAt = this.deps.now();
      try {
        const issued = await provider.exchange(gateway);
        await this.remember(provider, issued, obtainedAt);
        return { ...issued, ttl: Math.floor(issued.ttl) };
      } catch (error) {
        const reason = `${provider.name}: ${describeError(error)}`;
        failures.push(reason);
        const next = providers[index + 1];
        if (next !== undefined) note(`${reason}; trying ${next.name}`);
      }
    }
    throw new CoworkError('NO_PROVIDER_SUCCEEDED', `no credential provider succeeded (${failures.join('; ')})`);
  }

  /** A cache that cannot be written costs a later exchange, never this answer. */
  private async remember(provider: CredentialProvider, issued: IssuedToken, obtainedAt: number): Promise<void> {
    const { cache, gatewayUrl, note } = this.deps;
    if (cache === null || issued.ttl <= REFRESH_MARGIN_SECONDS) return;
    try {
      const identity = await provider.cacheIdentity();
      await cache.save({ gatewayUrl, provider: provider.name, identity }, { ...issued, obtained_at: obtainedAt }, obtainedAt);
    } catch (error) {
      note(`could not write the token cache: ${describeError(error)}`);
    }
  }
}
