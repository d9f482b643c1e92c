import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Identity } from '../../../common/auth/identity';
import { digestsEqual, hashPat } from '../../../common/auth/personal-access-token';
import { holdsScope } from '../../../common/auth/scopes';
import { Clock } from '../../../common/clock/clock.provider';
import { OAuthError } from '../oauth.errors';
import { OauthSettings } from '../oauth-settings.provider';
import { validateOAuthDto } from '../oauth-validation.pipe';
import { parseScope, unknownScope } from '../oauth-scope';
import type { PresentedClient } from './client-credentials.decorator';
import { ClientsRepository } from './clients.repository';
import { RegisterClientDto, type RegisteredClientDto } from './dto/register-client.dto';
import type { GrantType, OauthClientEntity } from './oauth-client.entity';
import { redirectUriProblem } from './redirect-uri';

/** Who is registering: the holder of the initial access token or an admin may do more. */
export interface RegistrationAuthority {
  authorized: boolean;
  adminUserId: string | null;
}

/** Client registration (RFC 7591) and client authentication (RFC 6749 §2.3). */
@Injectable()
export class ClientsService {
  constructor(
    private readonly clients: ClientsRepository,
    private readonly settings: OauthSettings,
    private readonly clock: Clock,
  ) {}

  /**
   * RFC 7591 §3: with an initial access token configured, registration needs it (or an admin
   * credential); without one it is open, but only to what an anonymous registrant may ask for.
   */
  registrationAuthority(bearer: string | null, identity: Identity | null): RegistrationAuthority {
    const expected = this.settings.registrationToken;
    if (expected && bearer && sameSecret(bearer, expected)) return { authorized: true, adminUserId: null };
    if (identity && identity.userId && holdsScope(identity.role, identity.scopes, 'users:admin')) return { authorized: true, adminUserId: identity.userId };
    if (expected) throw new OAuthError('INVALID_TOKEN', bearer ? 'the initial access token is not valid' : 'registration requires an initial access token');
    return { authorized: false, adminUserId: null };
  }

  async register(body: unknown, authority: RegistrationAuthority): Promise<RegisteredClientDto> {
    const input = await validateOAuthDto(RegisterClientDto, body, 'INVALID_CLIENT_METADATA');
    const method = input.token_endpoint_auth_method ?? 'client_secret_basic';
    const grantTypes = [...new Set<GrantType>(input.grant_types ?? ['authorization_code'])];
    const redirectUris = [...new Set(input.redirect_uris ?? [])];
    this.checkGrants(grantTypes, method, redirectUris, authority);
    for (const uri of redirectUris) {
      const problem = redirectUriProblem(uri);
      if (problem) throw new OAuthError('INVALID_REDIRECT_URI', problem);
    }
    const scopes = parseScope(input.scope ?? this.settings.defaultScope);
    const unknown = unknownScope(scopes);
    if (unknown) throw new OAuthError('INVALID_CLIENT_METADATA', `scope: unknown scope ${unknown}`);
    const secret = method === 'none' ? null : randomBytes(32).toString('base64url');
    const metadata = pick(input, ['client_uri', 'logo_uri', 'contacts', 'software_id', 'software_version']);
    const client = await this.clients.insert({
      id: randomBytes(16).toString('hex'),
      secretHash: secret ? hashPat(secret) : null,
      name: input.client_name ?? null,
      redirectUris,
      grantTypes,
      tokenEndpointAuthMethod: method,
      scope: scopes.join(' '),
      firstParty: authority.authorized && input.first_party === true,
      serviceRole: grantTypes.includes('client_credentials') ? 'user' : null,
      metadata,
      registeredBy: authority.adminUserId,
    });
    return {
      ...metadata,
      client_id: client.id,
      ...(secret ? { client_secret: secret, client_secret_expires_at: 0 } : {}),
      client_id_issued_at: Math.floor(this.clock.nowMs() / 1000),
      redirect_uris: client.redirectUris,
      token_endpoint_auth_method: method,
      grant_types: client.grantTypes,
      response_types: grantTypes.includes('authorization_code') ? ['code'] : [],
      scope: client.scope,
      ...(client.name ? { client_name: client.name } : {}),
      id_token_signed_response_alg: 'ES256',
      first_party: client.firstParty,
    };
  }

  find(clientId: string): Promise<OauthClientEntity | null> {
    return clientId.length <= 64 ? this.clients.findById(clientId) : Promise.resolve(null);
  }

  /** The client, if it authenticated the way it registered; invalid_client otherwise. */
  async authenticate(presented: PresentedClient | null): Promise<OauthClientEntity> {
    if (!presented) throw new OAuthError('INVALID_CLIENT', 'client authentication is required');
    const client = await this.find(presented.clientId);
    if (!client) throw new OAuthError('INVALID_CLIENT', 'unknown client');
    if (client.tokenEndpointAuthMethod !== presented.method) {
      throw new OAuthError('INVALID_CLIENT', `this client authenticates with ${client.tokenEndpointAuthMethod}`);
    }
    if (presented.method !== 'none' && !(client.secretHash && presented.secret && digestsEqual(client.secretHash, hashPat(presented.secret)))) {
      throw new OAuthError('INVALID_CLIENT', 'client authentication failed');
    }
    return client;
  }

  private checkGrants(grants: GrantType[], method: string, redirectUris: string[], authority: RegistrationAuthority): void {
    if (grants.includes('authorization_code') && redirectUris.length === 0) {
      throw new OAuthError('INVALID_REDIRECT_URI', 'redirect_uris is required for the authorization_code grant');
    }
    if (grants.includes('refresh_token') && !grants.includes('authorization_code')) {
      throw new OAuthError('INVALID_CLIENT_METADATA', 'grant_types: refresh_token needs authorization_code');
    }
    if (grants.includes('client_credentials')) {
      if (method === 'none') throw new OAuthError('INVALID_CLIENT_METADATA', 'grant_types: client_credentials needs a confidential client');
      if (!authority.authorized) {
        throw new OAuthError('INVALID_CLIENT_METADATA', 'grant_types: client_credentials needs a registration with the initial access token or an admin credential');
      }
    }
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(hashPat(a), 'hex');
  const y = Buffer.from(hashPat(b), 'hex');
  return timingSafeEqual(x, y);
}

function pick(input: RegisterClientDto, keys: (keyof RegisterClientDto)[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
}
