import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { IssuedToken } from '../cowork.types';
import { ensureDir, removeIfPresent, writeFileAtomic } from '../file-system.repository';
import type { CredentialProviderName } from '../providers/credential-provider.types';

/** What a cached token is filed under: the gateway, the provider and the credential's identity. */
export interface TokenCacheKey {
  readonly gatewayUrl: string;
  readonly provider: CredentialProviderName;
  /** Hashed before it is compared or stored; the raw value never reaches the disk. */
  readonly identity: string | Buffer;
}

export interface CachedToken extends IssuedToken {
  /** Unix time, in seconds, when the gateway issued the token; it expires at obtained_at + ttl. */
  readonly obtained_at: number;
}

export interface TokenCache {
  find(key: TokenCacheKey): Promise<CachedToken | null>;
  /** Stores `token` under `key`, dropping entries that expired before `now` (seconds). */
  save(key: TokenCacheKey, token: CachedToken, now: number): Promise<void>;
}

interface CacheEntry extends CachedToken {
  readonly gateway_url: string;
  readonly provider: CredentialProviderName;
  readonly credential_sha256: string;
}

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * The token cache: one JSON file holding one entry per gateway and credential, so switching
 * between two gateways does not throw tokens away. The file holds live bearer tokens, hence
 * 0600 inside a 0700 folder.
 */
export class TokenCacheRepository implements TokenCache {
  constructor(readonly file: string) {}

  async find(key: TokenCacheKey): Promise<CachedToken | null> {
    const digest = fingerprint(key.identity);
    const entry = (await this.entries()).find(
      (e) => e.gateway_url === key.gatewayUrl && e.provider === key.provider && e.credential_sha256 === digest,
    );
    return entry === undefined ? null : { token: entry.token, ttl: entry.ttl, headers: entry.headers, obtained_at: entry.obtained_at };
  }

  async save(key: TokenCacheKey, token: CachedToken, now: number): Promise<void> {
    const digest = fingerprint(key.identity);
    const kept = (await this.entries()).filter(
      (e) => e.obtained_at + e.ttl > now && !(e.gateway_url === key.gatewayUrl && e.provider === key.provider),
    );
    const entry: CacheEntry = { gateway_url: key.gatewayUrl, provider: key.provider, credential_sha256: digest, ...token };
    await ensureDir(path.dirname(this.file), DIR_MODE);
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, entries: [...kept, entry] }, null, 2)}\n`, FILE_MODE);
  }

  /** Deletes the whole cache (uninstall); true when a file was removed. */
  remove(): Promise<boolean> {
    return removeIfPresent(this.file);
  }

  /** A missing, unreadable or foreign file is an empty cache: the worst case is one extra exchange. */
  private async entries(): Promise<CacheEntry[]> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      return [];
    }
    const entries = typeof parsed === 'object' && parsed !== null ? (parsed as { entries?: unknown }).entries : undefined;
    return Array.isArray(entries) ? entries.filter(isEntry) : [];
  }
}

/** Domain-separated, so the value differs from the SHA-256 the gateway stores for a PAT. */
function fingerprint(identity: string | Buffer): string {
  return createHash('sha256').update('systemprompt-cowork-cache\0').update(identity).digest('hex');
}

function isEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.gateway_url === 'string' &&
    (e.provider === 'mtls' || e.provider === 'session' || e.provider === 'pat') &&
    typeof e.credential_sha256 === 'string' &&
    typeof e.token === 'string' &&
    typeof e.ttl === 'number' &&
    typeof e.obtained_at === 'number' &&
    typeof e.headers === 'object' &&
    e.headers !== null
  );
}
