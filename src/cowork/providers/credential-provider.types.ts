import type { IssuedToken } from '../cowork.types';
import type { GatewayRepository } from '../gateway.repository';

/** The exchange endpoints, tried in this order: device identity first, a typed PAT last. */
export type CredentialProviderName = 'mtls' | 'session' | 'pat';

/** One way of proving who the user is to `/v1/gateway/auth/cowork/<name>`. */
export interface CredentialProvider {
  readonly name: CredentialProviderName;
  /**
   * The bytes that identify this credential for the token cache. The cache stores only a
   * SHA-256 of them, so a changed credential misses the cache and a leaked cache file leaks
   * no credential.
   */
  cacheIdentity(): Promise<string | Buffer>;
  /** Exchanges the credential for a gateway token; throws a CoworkError when it cannot. */
  exchange(gateway: GatewayRepository): Promise<IssuedToken>;
}

/** The path of an exchange endpoint; the same handlers also answer under /v1/auth/bridge. */
export function exchangePath(name: CredentialProviderName): string {
  return `/v1/gateway/auth/cowork/${name}`;
}
