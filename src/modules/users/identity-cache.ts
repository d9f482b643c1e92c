import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Identity } from '../../common/auth/identity';
import { PUBSUB, type PubSub } from '../../common/pubsub/pubsub';

const CHANNEL = 'sp:auth:invalidate';
const TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;

export type Invalidation = { kind: 'user' | 'credential' | 'session'; id: string };

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
 */
@Injectable()
export class IdentityCache implements OnModuleInit {
  private readonly entries = new Map<string, Entry>();

  constructor(@Inject(PUBSUB) private readonly pubsub: PubSub) {}

  onModuleInit(): void {
    this.pubsub.subscribe(CHANNEL, (message) => {
      try {
        this.drop(JSON.parse(message) as Invalidation);
      } catch {
        this.entries.clear();
      }
    });
  }

  get(key: string): Identity | null {
    if (!this.pubsub.connected) return null;
    const entry = this.entries.get(key);
    if (!entry) return null;
    const now = Date.now();
    if (entry.expiresAt <= now || entry.credentialExpiresAt <= now) {
      this.entries.delete(key);
      return null;
    }
    return entry.identity;
  }

  set(key: string, identity: Identity, credentialExpiresAt: number): void {
    if (!this.pubsub.connected) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { identity, expiresAt: Date.now() + TTL_MS, credentialExpiresAt });
  }

  /** Drops matching entries here at once, then tells every other replica. */
  async invalidate(invalidation: Invalidation): Promise<void> {
    this.drop(invalidation);
    await this.pubsub.publish(CHANNEL, JSON.stringify(invalidation)).catch(() => this.entries.clear());
  }

  private drop({ kind, id }: Invalidation): void {
    for (const [key, { identity }] of this.entries) {
      const hit = kind === 'user' ? identity.userId === id : kind === 'session' ? identity.sessionId === id : identity.credentialId === id;
      if (hit) this.entries.delete(key);
    }
  }
}
