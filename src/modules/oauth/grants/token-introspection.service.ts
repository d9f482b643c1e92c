import { Injectable } from '@nestjs/common';
import { GatewayJwtService } from '../../../common/auth/gateway-jwt.service';
import { hashPat } from '../../../common/auth/personal-access-token';
import { Clock } from '../../../common/clock/clock.provider';
import { CredentialService } from '../../users/credential.service';
import { SessionsRepository } from '../../users/sessions.repository';
import type { PresentedClient } from '../clients/client-credentials.decorator';
import { ClientsService } from '../clients/clients.service';
import { OAuthError } from '../oauth.errors';
import { UserDirectoryService } from '../user-directory.service';
import type { IntrospectionResponseDto } from './dto/token.dto';
import { GrantRevocationService } from './grant-revocation.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * RFC 7662 introspection (an access token is active exactly when the gateway would accept it)
 * and RFC 7009 revocation (revoking either token of a grant ends the grant).
 */
@Injectable()
export class TokenIntrospectionService {
  constructor(
    private readonly clients: ClientsService,
    private readonly jwt: GatewayJwtService,
    private readonly credentials: CredentialService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly sessions: SessionsRepository,
    private readonly users: UserDirectoryService,
    private readonly revocation: GrantRevocationService,
    private readonly clock: Clock,
  ) {}

  async introspect(presented: PresentedClient | null, token: string): Promise<IntrospectionResponseDto> {
    const client = await this.clients.authenticate(presented);
    if (client.tokenEndpointAuthMethod === 'none') throw new OAuthError('INVALID_CLIENT', 'introspection needs a confidential client');
    if (JWT_SHAPE.test(token)) return this.introspectJwt(token);
    if (token.startsWith('sprt_')) return this.introspectRefresh(token);
    return { active: false };
  }

  /** Always succeeds for an authenticated client (RFC 7009 §2.2); tokens of other clients are left alone. */
  async revoke(presented: PresentedClient | null, token: string, traceId: string): Promise<void> {
    const client = await this.clients.authenticate(presented);
    if (token.startsWith('sprt_')) {
      const row = await this.refreshTokens.findByHash(hashPat(token));
      if (row && row.clientId === client.id) await this.revocation.revokeFamily(row.familyId, { userId: row.userId, traceId });
      return;
    }
    if (!JWT_SHAPE.test(token)) return;
    const claims = await this.jwt.verify(token);
    if (claims && claims.cid === client.id && claims.pk === 'user' && UUID.test(claims.sid)) {
      await this.revocation.revokeFamily(claims.sid, { userId: claims.sub, traceId });
    }
  }

  private async introspectJwt(token: string): Promise<IntrospectionResponseDto> {
    const claims = await this.jwt.verify(token);
    const identity = claims ? await this.credentials.verifyJwt(token) : null;
    if (!claims || !identity) return { active: false };
    const aud = (claims as unknown as { aud?: string | string[] }).aud;
    return {
      active: true,
      token_type: 'Bearer',
      sub: claims.sub,
      client_id: claims.cid,
      scope: claims.scope,
      exp: claims.exp,
      iat: claims.iat,
      iss: this.jwt.issuer,
      aud,
      sid: claims.sid,
      role: identity.role,
      username: identity.email,
    };
  }

  private async introspectRefresh(token: string): Promise<IntrospectionResponseDto> {
    const row = await this.refreshTokens.findByHash(hashPat(token));
    if (!row || row.usedAt || row.revokedAt || row.expiresAt.getTime() <= this.clock.nowMs()) return { active: false };
    const session = await this.sessions.findById(row.familyId);
    const user = session && !session.revokedAt ? await this.users.activeUser(row.userId) : null;
    if (!user) return { active: false };
    return {
      active: true,
      token_type: 'refresh_token',
      sub: row.userId,
      client_id: row.clientId,
      scope: row.scope,
      exp: Math.floor(row.expiresAt.getTime() / 1000),
      iat: Math.floor(row.createdAt.getTime() / 1000),
      sid: row.familyId,
      username: user.email,
    };
  }
}
