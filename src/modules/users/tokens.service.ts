import { Injectable } from '@nestjs/common';
import type { Identity } from '../../common/auth/identity';
import { generatePat, hashPat, parsePat } from '../../common/auth/personal-access-token';
import { roleAtLeast } from '../../common/auth/roles';
import { isKnownScope, scopeAllowedForRole } from '../../common/auth/scopes';
import { Clock } from '../../common/clock/clock.provider';
import { DomainEventPublisher } from '../../common/events/domain-event.publisher';
import type { PersonalAccessTokenEntity } from './entities/personal-access-token.entity';
import { IdentityCache } from './identity-cache';
import { TokensRepository } from './tokens.repository';
import { UsersError } from './users.errors';
import { UsersRepository } from './users.repository';

export interface IssueTokenInput {
  name: string;
  scopes?: string[];
  expiresAt?: Date | null;
  /** A pre-set value (SYSTEMPROMPT_ADMIN_PAT); otherwise one is generated. */
  token?: string;
}

/** Personal access tokens: issue (shown once), list, revoke (at once, on every replica). */
@Injectable()
export class TokensService {
  constructor(
    private readonly tokens: TokensRepository,
    private readonly users: UsersRepository,
    private readonly cache: IdentityCache,
    private readonly events: DomainEventPublisher,
    private readonly clock: Clock,
  ) {}

  async issue(actor: Identity, userId: string, input: IssueTokenInput, traceId: string): Promise<{ entity: PersonalAccessTokenEntity; token: string }> {
    const user = await this.ownedUser(actor, userId);
    const scopes = input.scopes === undefined ? null : [...new Set(input.scopes)];
    for (const scope of scopes ?? []) {
      if (!isKnownScope(scope)) throw new UsersError('UNKNOWN_SCOPE', `scopes: unknown scope ${scope}`);
      if (!scopeAllowedForRole(scope, user.role)) throw new UsersError('SCOPE_NOT_ALLOWED', `scopes: ${scope} exceeds role ${user.role}`);
    }
    if (input.expiresAt && input.expiresAt.getTime() <= this.clock.nowMs()) throw new UsersError('EXPIRY_IN_PAST', 'expires_at must be in the future');
    const parsed = input.token ? parsePat(input.token) : generatePat();
    if (!parsed) throw new UsersError('INVALID_ADMIN_PAT', 'token does not have the PAT format');
    const entity = await this.tokens.insert({
      userId: user.id,
      name: input.name,
      prefix: parsed.prefix,
      tokenHash: hashPat(parsed.token),
      scopes,
      expiresAt: input.expiresAt ?? null,
    });
    this.events.emit('auth.token.issued', { trace_id: traceId, user_id: user.id, tenant_id: user.tenantId, token_id: entity.id, kind: 'pat', name: entity.name });
    return { entity, token: parsed.token };
  }

  async list(actor: Identity, userId: string): Promise<PersonalAccessTokenEntity[]> {
    await this.ownedUser(actor, userId);
    return this.tokens.listForUser(userId);
  }

  async revoke(actor: Identity, userId: string, tokenId: string, traceId: string): Promise<void> {
    const user = await this.ownedUser(actor, userId);
    const token = await this.tokens.findById(tokenId);
    if (!token || token.userId !== user.id) throw new UsersError('TOKEN_NOT_FOUND', `Token ${tokenId} not found`);
    await this.tokens.revoke(token.id, new Date(this.clock.nowMs()));
    await this.cache.invalidate({ kind: 'credential', id: token.id });
    this.events.emit('auth.token.revoked', { trace_id: traceId, user_id: user.id, tenant_id: user.tenantId, token_id: token.id, kind: 'pat' });
  }

  /** Revoke by the token's id or its display prefix (CLI). */
  async revokeByReference(actor: Identity, reference: string, traceId: string): Promise<PersonalAccessTokenEntity> {
    const prefix = reference.replace(/^sp-live-/, '').slice(0, 12);
    const token = /^[0-9a-f-]{36}$/i.test(reference) ? await this.tokens.findById(reference) : await this.tokens.findByPrefix(prefix);
    if (!token) throw new UsersError('TOKEN_NOT_FOUND', `Token ${reference} not found`);
    await this.revoke(actor, token.userId, token.id, traceId);
    return token;
  }

  private async ownedUser(actor: Identity, userId: string) {
    if (userId !== actor.userId && !roleAtLeast(actor.role, 'admin')) throw new UsersError('FORBIDDEN', 'You may only manage your own tokens');
    const user = await this.users.findById(userId);
    if (!user || user.tenantId !== actor.tenantId) throw new UsersError('USER_NOT_FOUND', `User ${userId} not found`);
    return user;
  }
}
