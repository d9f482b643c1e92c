import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type JWTPayload, SignJWT } from 'jose';
import { DEFAULT_TENANT_ID } from '../../../common/auth/identity';
import { hashPat } from '../../../common/auth/personal-access-token';
import { Clock } from '../../../common/clock/clock.provider';
import { DomainEventPublisher } from '../../../common/events/domain-event.publisher';
import { SessionsRepository } from '../../users/sessions.repository';
import type { OauthClientEntity } from '../clients/oauth-client.entity';
import { SigningKeysService } from '../keys/signing-keys.service';
import { OauthSettings } from '../oauth-settings.provider';
import type { OauthUser } from '../user-directory.service';
import type { OAuthTokenResponseDto } from './dto/token.dto';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/** A user's grant to a client, as the code or refresh token carried it. */
export interface UserGrant {
  client: OauthClientEntity;
  user: OauthUser;
  scope: string[];
  authTime: Date;
  resource: string | null;
  nonce?: string | null;
  /** The refresh token keeps the scope it was granted (RFC 6749 §6), even when the access token is narrower. */
  refreshScope?: string[];
}

/** A grant's family: its sessions row and when the whole grant ends. */
export interface GrantFamily {
  id: string;
  expiresAt: Date;
}

/**
 * Mints the tokens of a grant. Access tokens are ES256 JWTs with the claims of every gateway
 * JWT (role, scope, `sid` = the grant's sessions row), so CredentialService accepts them and
 * revoking the grant's session kills them at once. Refresh tokens are opaque and stored hashed.
 */
@Injectable()
export class TokenIssuerService {
  constructor(
    private readonly keys: SigningKeysService,
    private readonly sessions: SessionsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly settings: OauthSettings,
    private readonly events: DomainEventPublisher,
    private readonly clock: Clock,
  ) {}

  /** Starts a grant: its family (a sessions row), for as long as refresh tokens may live. */
  async startFamily(grant: { client: OauthClientEntity; user: OauthUser }): Promise<GrantFamily> {
    const expiresAt = new Date(this.clock.nowMs() + this.settings.refreshTokenTtl * 1000);
    const session = await this.sessions.create({ userId: grant.user.id, kind: 'oauth', clientId: grant.client.id, expiresAt });
    return { id: session.id, expiresAt };
  }

  async forUser(grant: UserGrant, family: GrantFamily, traceId: string): Promise<OAuthTokenResponseDto> {
    const scope = grant.scope.join(' ');
    const accessToken = await this.sign(
      { sub: grant.user.id, tid: grant.user.tenantId, role: grant.user.role, scope, sid: family.id, pk: 'user', cid: grant.client.id },
      this.audience(grant.resource),
      this.settings.accessTokenIssuer,
      'at+jwt',
    );
    const response: OAuthTokenResponseDto = { access_token: accessToken, token_type: 'Bearer', expires_in: this.settings.accessTokenTtl, scope };
    if (grant.client.grantTypes.includes('refresh_token')) {
      const refresh = `sprt_${randomBytes(32).toString('base64url')}`;
      await this.refreshTokens.insert({
        tokenHash: hashPat(refresh),
        familyId: family.id,
        clientId: grant.client.id,
        userId: grant.user.id,
        scope: (grant.refreshScope ?? grant.scope).join(' '),
        resource: grant.resource,
        authTime: grant.authTime,
        expiresAt: family.expiresAt,
      });
      response.refresh_token = refresh;
    }
    if (grant.scope.includes('openid')) response.id_token = await this.idToken(grant);
    this.events.emit('auth.token.issued', { trace_id: traceId, user_id: grant.user.id, tenant_id: grant.user.tenantId, token_id: family.id, kind: 'oauth_access', name: grant.client.name ?? grant.client.id });
    return response;
  }

  /** client_credentials: the client itself is the principal (`pk: service`). */
  async forClient(client: OauthClientEntity, scope: string[], resource: string | null): Promise<OAuthTokenResponseDto> {
    const joined = scope.join(' ');
    const accessToken = await this.sign(
      { sub: client.id, tid: DEFAULT_TENANT_ID, role: client.serviceRole ?? 'user', scope: joined, sid: `cc-${randomBytes(12).toString('hex')}`, pk: 'service', cid: client.id },
      this.audience(resource),
      this.settings.accessTokenIssuer,
      'at+jwt',
    );
    return { access_token: accessToken, token_type: 'Bearer', expires_in: this.settings.accessTokenTtl, scope: joined };
  }

  private async idToken(grant: UserGrant): Promise<string> {
    const claims: Record<string, unknown> = { sub: grant.user.id, auth_time: Math.floor(grant.authTime.getTime() / 1000), azp: grant.client.id };
    if (grant.nonce) claims.nonce = grant.nonce;
    if (grant.scope.includes('email')) Object.assign(claims, { email: grant.user.email, email_verified: false });
    if (grant.scope.includes('profile')) Object.assign(claims, { name: grant.user.name, preferred_username: grant.user.email });
    return this.sign(claims, grant.client.id, this.settings.issuer, 'JWT');
  }

  private audience(resource: string | null): string | string[] {
    return resource && resource !== this.settings.accessTokenAudience ? [this.settings.accessTokenAudience, resource] : this.settings.accessTokenAudience;
  }

  private async sign(claims: Record<string, unknown>, audience: string | string[], issuer: string, typ: string): Promise<string> {
    const signer = await this.keys.currentSigner();
    const now = Math.floor(this.clock.nowMs() / 1000);
    return new SignJWT(claims as JWTPayload)
      .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ })
      .setIssuer(issuer)
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + this.settings.accessTokenTtl)
      .sign(signer.key);
  }
}
