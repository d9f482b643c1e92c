import { Injectable } from '@nestjs/common';
import { Clock } from '../../../common/clock/clock.provider';
import { DomainEventPublisher } from '../../../common/events/domain-event.publisher';
import { IdentityCache } from '../../users/identity-cache';
import { SessionsRepository } from '../../users/sessions.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/**
 * Ends a grant: its sessions row is revoked (every access token carrying that `sid` is refused
 * by CredentialService from now on, on every replica) and its refresh tokens die with it.
 */
@Injectable()
export class GrantRevocationService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly cache: IdentityCache,
    private readonly events: DomainEventPublisher,
    private readonly clock: Clock,
  ) {}

  async revokeFamily(familyId: string, who: { userId: string | null; traceId: string }): Promise<void> {
    const now = this.clock.now();
    await this.sessions.revoke(familyId, now);
    await this.refreshTokens.revokeFamily(familyId, now);
    await this.cache.invalidate({ kind: 'session', id: familyId });
    this.events.emit('auth.token.revoked', { trace_id: who.traceId, user_id: who.userId, tenant_id: null, token_id: familyId, kind: 'oauth_family' });
  }
}
