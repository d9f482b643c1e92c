import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Identity } from '../../common/auth/identity';
import { PUBSUB, type PubSub } from '../../common/pubsub/pubsub';

const CHANNEL = 'sp:auth:invalidate';
const TTL_MS = 30_000;
/** An entry this close to its expiry is served while one background lookup renews it. */
const REFRESH_AHEAD_MS = 5_000;
const MAX_ENTRIES = 20_000;

export type Invalidation = { kind: 'user' | 'credential' | 'session'; id: string };

/** What a credential lookup found: the identity and the credential's own expiry (ms). */
export interface VerifiedCredential {
  identity: Identity;
  credentialExpiresAt: number;
}

interface Entry {
  identity: Identity;
  expiresAt: number;
  /** The credential's own expiry (PAT expires_at or JWT exp), never outlived. */
  credentialExpiresAt: number;
}

/**
 * Verified credentials, keyed by the SHA-256 of the credential. Entries die on revocation
 * messages from any replica (Redis pub/sub); while that channel is not known to be working
 * the cache is bypassed, so a revoked token is never served from here.
 *
 * `resolve` looks a credential up once for all the requests that present it at the same time,
 * and renews a busy credential's entry before it expires. Without that, each expiry of a hot
 * token sent every request of the next few milliseconds to the database on its own (two
 * queries each, queued on the pool): at 3,300 requests a second, a stall of up to ~300 ms
 * every 30 s (docs/benchmarks.md).
 */
@Injectable()
export class IdentityCache implements OnModuleInit {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Identity | null>>();
  /** Bumped by every invalidation: a lookup that started before one stores nothing. */
  private generation = 0;
  /** The pub/sub connection the entries were cached under (`PubSub.connections`). */
  private connection = 0;

  constructor(@Inject(PUBSUB) private readonly pubsub: PubSub) {}

  onModuleInit(): void {
    this.pubsub.subscribe(CHANNEL, (message) => {
      try {
        this.drop(JSON.parse(message) as Invalidation);
      } catch {
        this.clear();
      }
    });
  }

  /**
   * The identity for `key`: a live entry, or what `lookup` finds (one lookup per key at a
   * time, shared by every caller). An entry in its last REFRESH_AHEAD_MS is served, and one
   * background lookup replaces it (or drops it, when the credential no longer verifies).
   */
  async resolve(key: string, lookup: () => Promise<VerifiedCredential | null>): Promise<Identity | null> {
    if (!this.pubsub.connected) return (await lookup())?.identity ?? null;
    if (this.pubsub.connections !== this.connection) {
      // Invalidations sent while the subscription was down never arrived here.
      this.clear();
      this.connection = this.pubsub.connections;
    }
    const entry = this.entries.get(key);
    const now = Date.now();
    if (entry && entry.expiresAt > now && entry.credentialExpiresAt > now) {
      // A failed renewal leaves the entry to expire as it would have; the next miss retries.
      if (entry.expiresAt - now < REFRESH_AHEAD_MS) this.lookupOnce(key, lookup).catch(() => undefined);
      return entry.identity;
    }
    if (entry) this.entries.delete(key);
    return this.lookupOnce(key, lookup);
  }

  private lookupOnce(key: string, lookup: () => Promise<VerifiedCredential | null>): Promise<Identity | null> {
    const running = this.loading.get(key);
    if (running) return running;
    const generation = this.generation;
    const promise = lookup()
      .then((found) => {
        if (!found) this.entries.delete(key);
        else if (generation === this.generation) this.set(key, found.identity, found.credentialExpiresAt);
        return found?.identity ?? null;
      })
      .finally(() => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
      });
    this.loading.set(key, promise);
    return promise;
  }

  private set(key: string, identity: Identity, credentialExpiresAt: number): void {
    if (!this.pubsub.connected) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { identity, expiresAt: Date.now() + TTL_MS, credentialExpiresAt });
  }

  /** Drops matching entries here at once, then tells every other replica. */
  async invalidate(invalidation: Invalidation): Promise<void> {
    this.drop(invalidation);
    await this.pubsub.publish(CHANNEL, JSON.stringify(invalidation)).catch(() => this.clear());
  }

  private drop({ kind, id }: Invalidation): void {
    // Lookups already running may have read the row before the change: none of them is
    // stored, and no new caller waits on one.
    this.generation++;
    this.loading.clear();
    for (const [key, { identity }] of this.entries) {
      const hit = kind === 'user' ? identity.userId === id : kind === 'session' ? identity.sessionId === id : identity.credentialId === id;
      if (hit) this.entries.delete(key);
    }
  }

  private clear(): void {
    this.generation++;
    this.loading.clear();
    this.entries.clear();
  }
}
