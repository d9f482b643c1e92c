import { CoworkError } from '../cowork.errors';
import type { IssuedToken } from '../cowork.types';
import type { GatewayRepository } from '../gateway.repository';
import type { CredentialProvider, CredentialProviderName } from '../providers/credential-provider.types';
import type { CachedToken, TokenCache, TokenCacheKey } from './token-cache.repository';
import { TokenService } from './token.service';

const NOW = 1_800_000_000;
const gateway = {} as GatewayRepository;

function provider(name: CredentialProviderName, outcome: IssuedToken | Error): CredentialProvider & { exchanges: number } {
  return {
    name,
    exchanges: 0,
    cacheIdentity: () => Promise.resolve(`${name}-secret`),
    exchange() {
      this.exchanges += 1;
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
    },
  };
}

/** An in-memory cache keyed like the real one, recording what it was given. */
class MemoryCache implements TokenCache {
  readonly saved: Array<{ key: TokenCacheKey; token: CachedToken }> = [];
  constructor(private readonly entries: Map<string, CachedToken> = new Map()) {}
  find(key: TokenCacheKey): Promise<CachedToken | null> {
    return Promise.resolve(this.entries.get(`${key.gatewayUrl}|${key.provider}|${key.identity.toString()}`) ?? null);
  }
  save(key: TokenCacheKey, token: CachedToken): Promise<void> {
    this.saved.push({ key, token });
    return Promise.resolve();
  }
}

function service(providers: CredentialProvider[], cache: TokenCache | null, notes: string[] = []): TokenService {
  return new TokenService({ gatewayUrl: 'https://gw', gateway, providers, cache, now: () => NOW, note: (l) => notes.push(l), configHint: 'cowork.toml' });
}

const issued: IssuedToken = { token: 'jwt-1', ttl: 3600, headers: { 'x-user-id': 'u1' } };

describe('TokenService', () => {
  it('refuses to run with no provider configured (exit 2)', async () => {
    await expect(service([], null).obtain()).rejects.toMatchObject({ code: 'NO_CREDENTIALS', exitStatus: 2 });
  });

  it('falls through failing providers in order, noting each, and caches the winner', async () => {
    const notes: string[] = [];
    const cache = new MemoryCache();
    const mtls = provider('mtls', new CoworkError('PROVIDER_FAILED', 'HTTP 501: not_implemented'));
    const pat = provider('pat', issued);
    await expect(service([mtls, pat], cache, notes).obtain()).resolves.toEqual(issued);
    expect(notes).toEqual(['mtls: HTTP 501: not_implemented; trying pat']);
    expect(cache.saved).toEqual([{ key: { gatewayUrl: 'https://gw', provider: 'pat', identity: 'pat-secret' }, token: { ...issued, obtained_at: NOW } }]);
  });

  it('reports every failure in one line when no provider succeeds', async () => {
    const notes: string[] = [];
    const session = provider('session', new CoworkError('PROVIDER_FAILED', 'HTTP 501: not_implemented'));
    const pat = provider('pat', new CoworkError('PROVIDER_FAILED', 'HTTP 401: authentication_error'));
    const failure = service([session, pat], null, notes).obtain();
    await expect(failure).rejects.toMatchObject({
      code: 'NO_PROVIDER_SUCCEEDED',
      message: 'no credential provider succeeded (session: HTTP 501: not_implemented; pat: HTTP 401: authentication_error)',
    });
    expect(notes).toHaveLength(1);
  });

  it.each([
    ['well inside its lifetime', NOW - 100, { token: 'cached', ttl: 3500 }],
    ['61 s before expiry', NOW - 3539, { token: 'cached', ttl: 61 }],
    ['exactly 60 s before expiry', NOW - 3540, { token: 'jwt-1', ttl: 3600 }],
    ['expired', NOW - 4000, { token: 'jwt-1', ttl: 3600 }],
  ])('a cached token %s', async (_, obtainedAt, expected) => {
    const cache = new MemoryCache(new Map([['https://gw|pat|pat-secret', { token: 'cached', ttl: 3600, headers: {}, obtained_at: obtainedAt }]]));
    await expect(service([provider('pat', issued)], cache).obtain()).resolves.toMatchObject(expected);
  });

  it('with no cache (--no-cache) always exchanges and stores nothing', async () => {
    const pat = provider('pat', issued);
    await service([pat], null).obtain();
    await service([pat], null).obtain();
    expect(pat.exchanges).toBe(2);
  });

  it('does not cache a token too short-lived to be reused', async () => {
    const cache = new MemoryCache();
    await expect(service([provider('pat', { ...issued, ttl: 45.7 })], cache).obtain()).resolves.toMatchObject({ ttl: 45 });
    expect(cache.saved).toEqual([]);
  });
});
