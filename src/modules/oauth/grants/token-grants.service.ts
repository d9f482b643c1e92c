import { Injectable } from '@nestjs/common';
import { hashPat } from '../../../common/auth/personal-access-token';
import { Clock } from '../../../common/clock/clock.provider';
import { SessionsRepository } from '../../users/sessions.repository';
import type { PresentedClient } from '../clients/client-credentials.decorator';
import { ClientsService } from '../clients/clients.service';
import { GRANT_TYPES, type OauthClientEntity } from '../clients/oauth-client.entity';
import { OAuthError } from '../oauth.errors';
import { OauthSettings } from '../oauth-settings.provider';
import { grantedScope, OIDC_SCOPES, parseScope } from '../oauth-scope';
import { UserDirectoryService } from '../user-directory.service';
import { AuthorizationCodesRepository } from './authorization-codes.repository';
import type { OAuthTokenRequestDto, OAuthTokenResponseDto } from './dto/token.dto';
import { GrantRevocationService } from './grant-revocation.service';
import { verifierMatches } from './pkce';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { resourceIndicator } from './resource-indicator';
import { TokenIssuerService } from './token-issuer.service';

const SUPPORTED_GRANTS: readonly string[] = GRANT_TYPES;

/** The token endpoint's grants: authorization_code (PKCE), refresh_token (rotated), client_credentials. */
@Injectable()
export class TokenGrantsService {
  constructor(
    private readonly clients: ClientsService,
    private readonly codes: AuthorizationCodesRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly sessions: SessionsRepository,
    private readonly issuer: TokenIssuerService,
    private readonly revocation: GrantRevocationService,
    private readonly users: UserDirectoryService,
    private readonly settings: OauthSettings,
    private readonly clock: Clock,
  ) {}

  async exchange(presented: PresentedClient | null, body: OAuthTokenRequestDto, traceId: string): Promise<OAuthTokenResponseDto> {
    if (!SUPPORTED_GRANTS.includes(body.grant_type)) throw new OAuthError('UNSUPPORTED_GRANT_TYPE', `grant_type ${body.grant_type} is not supported`);
    const client = await this.clients.authenticate(presented);
    switch (body.grant_type) {
      case 'authorization_code':
        return this.authorizationCode(client, body, traceId);
      case 'refresh_token':
        return this.refresh(client, body, traceId);
      case 'client_credentials':
        return this.clientCredentials(client, body);
      default:
        throw new OAuthError('UNSUPPORTED_GRANT_TYPE', `grant_type ${body.grant_type} is not supported`);
    }
  }

  private async authorizationCode(client: OauthClientEntity, body: OAuthTokenRequestDto, traceId: string): Promise<OAuthTokenResponseDto> {
    allowGrant(client, 'authorization_code');
    const code = required(body.code, 'code');
    const verifier = required(body.code_verifier, 'code_verifier');
    const hash = hashPat(code);
    const now = this.clock.now();
    const candidate = await this.codes.findByHash(hash);
    if (!candidate || candidate.usedAt) return this.replayed(hash, traceId);
    // The grant's family (session) exists before the code is consumed, and consuming records
    // it in the same statement: a concurrent second redemption, which loses the consume, always
    // finds a family to revoke (RFC 6749 §4.1.2), however the two requests interleave.
    const user = await this.users.activeUser(candidate.userId);
    const family = user ? await this.issuer.startFamily({ client, user }) : null;
    const row = await this.codes.consume(hash, now, family?.id ?? null);
    const abandon = async (error: OAuthError): Promise<never> => {
      if (family) await this.revocation.revokeFamily(family.id, { userId: candidate.userId, traceId });
      throw error;
    };
    if (!row) {
      if (family) await this.revocation.revokeFamily(family.id, { userId: candidate.userId, traceId });
      return this.replayed(hash, traceId);
    }
    if (row.clientId !== client.id) return abandon(new OAuthError('INVALID_GRANT', 'the authorization code was issued to another client'));
    if (row.expiresAt.getTime() <= now.getTime()) return abandon(new OAuthError('INVALID_GRANT', 'the authorization code has expired'));
    // redirect_uri may be left out only where /authorize could (the client has exactly one).
    const redirectUri = body.redirect_uri ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
    if (redirectUri === undefined) return abandon(new OAuthError('INVALID_REQUEST', 'redirect_uri is required'));
    if (row.redirectUri !== redirectUri) return abandon(new OAuthError('INVALID_GRANT', 'redirect_uri does not match the authorization request'));
    if (!verifierMatches(verifier, row.codeChallenge)) return abandon(new OAuthError('INVALID_GRANT', 'code_verifier does not match the code_challenge'));
    if (body.resource !== undefined && body.resource !== row.resource) return abandon(new OAuthError('INVALID_TARGET', 'resource differs from the authorization request'));
    if (!user || !family) throw new OAuthError('INVALID_GRANT', 'the user is no longer active');
    const granted = parseScope(row.scope);
    const scope = grantedScope(granted, granted, user.role) ?? [];
    const grant = { client, user, scope, refreshScope: granted, authTime: row.authTime, resource: row.resource, nonce: row.nonce };
    return this.issuer.forUser(grant, family, traceId);
  }

  /** RFC 6749 §4.1.2: a code used twice is refused and revokes what it was exchanged for. */
  private async replayed(hash: string, traceId: string): Promise<never> {
    const used = await this.codes.findByHash(hash);
    if (used?.familyId) await this.revocation.revokeFamily(used.familyId, { userId: used.userId, traceId });
    throw new OAuthError('INVALID_GRANT', 'the authorization code is invalid or was already used');
  }

  private async refresh(client: OauthClientEntity, body: OAuthTokenRequestDto, traceId: string): Promise<OAuthTokenResponseDto> {
    allowGrant(client, 'refresh_token');
    const hash = hashPat(required(body.refresh_token, 'refresh_token'));
    const row = await this.refreshTokens.findByHash(hash);
    if (!row || row.clientId !== client.id) throw new OAuthError('INVALID_GRANT', 'the refresh token is invalid');
    if (row.revokedAt) throw new OAuthError('INVALID_GRANT', 'the refresh token was revoked');
    const now = this.clock.now();
    // RFC 9700 §4.14.2: a rotated refresh token used again means it leaked: end the whole grant.
    if (row.usedAt || !(await this.refreshTokens.consume(hash, now))) {
      await this.revocation.revokeFamily(row.familyId, { userId: row.userId, traceId });
      throw new OAuthError('INVALID_GRANT', 'the refresh token was already used; the grant is revoked');
    }
    if (row.expiresAt.getTime() <= now.getTime()) throw new OAuthError('INVALID_GRANT', 'the refresh token has expired');
    const session = await this.sessions.findById(row.familyId);
    if (!session || session.revokedAt) throw new OAuthError('INVALID_GRANT', 'the grant was revoked');
    const user = await this.users.activeUser(row.userId);
    if (!user) throw new OAuthError('INVALID_GRANT', 'the user is no longer active');
    if (body.resource !== undefined && body.resource !== row.resource) throw new OAuthError('INVALID_TARGET', 'resource differs from the grant');
    const original = parseScope(row.scope);
    const scope = grantedScope(parseScope(body.scope), original, user.role);
    if (!scope) throw new OAuthError('INVALID_SCOPE', 'scope exceeds what the grant holds');
    const grant = { client, user, scope, refreshScope: original, authTime: row.authTime, resource: row.resource };
    return this.issuer.forUser(grant, { id: row.familyId, expiresAt: row.expiresAt }, traceId);
  }

  private async clientCredentials(client: OauthClientEntity, body: OAuthTokenRequestDto): Promise<OAuthTokenResponseDto> {
    allowGrant(client, 'client_credentials');
    if (client.tokenEndpointAuthMethod === 'none' || !client.serviceRole) throw new OAuthError('UNAUTHORIZED_CLIENT', 'client_credentials needs a confidential client');
    const allowed = parseScope(client.scope).filter((s) => !(OIDC_SCOPES as readonly string[]).includes(s));
    const scope = grantedScope(parseScope(body.scope), allowed, client.serviceRole);
    if (!scope) throw new OAuthError('INVALID_SCOPE', 'scope exceeds what the client is registered for');
    return this.issuer.forClient(client, scope, resourceIndicator(this.settings.issuer, body.resource));
  }
}

function allowGrant(client: OauthClientEntity, grant: 'authorization_code' | 'refresh_token' | 'client_credentials'): void {
  if (!client.grantTypes.includes(grant)) throw new OAuthError('UNAUTHORIZED_CLIENT', `this client is not registered for ${grant}`);
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new OAuthError('INVALID_REQUEST', `${name} is required`);
  return value;
}
