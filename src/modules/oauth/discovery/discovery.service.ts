import { Injectable } from '@nestjs/common';
import { SCOPE_MIN_ROLE } from '../../../common/auth/scopes';
import { CLIENT_AUTH_METHODS, GRANT_TYPES } from '../clients/oauth-client.entity';
import { SigningKeysService } from '../keys/signing-keys.service';
import { OauthSettings } from '../oauth-settings.provider';
import { OIDC_SCOPES } from '../oauth-scope';

/** The discovery documents (OIDC Discovery, RFC 8414, RFC 9728) and the JWKS. */
@Injectable()
export class DiscoveryService {
  constructor(
    private readonly settings: OauthSettings,
    private readonly keys: SigningKeysService,
  ) {}

  /** RFC 8414 metadata, which is also a valid OpenID Provider configuration. */
  authorizationServer(): Record<string, unknown> {
    const s = this.settings;
    return {
      issuer: s.issuer,
      authorization_endpoint: s.endpoint('authorize'),
      token_endpoint: s.endpoint('token'),
      userinfo_endpoint: s.endpoint('userinfo'),
      jwks_uri: `${s.issuer}/.well-known/jwks.json`,
      registration_endpoint: s.endpoint('register'),
      revocation_endpoint: s.endpoint('revoke'),
      introspection_endpoint: s.endpoint('introspect'),
      scopes_supported: [...OIDC_SCOPES, ...Object.keys(SCOPE_MIN_ROLE)],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: [...GRANT_TYPES],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
      revocation_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'azp', 'name', 'preferred_username', 'email', 'email_verified'],
      prompt_values_supported: ['none', 'login', 'consent'],
      authorization_response_iss_parameter_supported: true,
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
      claims_parameter_supported: false,
    };
  }

  /** RFC 9728 metadata of an MCP resource on this server (default: the MCP root). */
  protectedResource(path?: string): Record<string, unknown> | null {
    const resource = path ? `${this.settings.issuer}/${path.replace(/^\/+/, '')}` : this.settings.mcpResource;
    if (resource !== this.settings.mcpResource && !resource.startsWith(`${this.settings.mcpResource}/`)) return null;
    return {
      resource,
      authorization_servers: [this.settings.issuer],
      bearer_methods_supported: ['header'],
      scopes_supported: ['mcp:call'],
      resource_name: `${this.settings.rpName} MCP`,
    };
  }

  async jwks(): Promise<{ keys: Record<string, string>[] }> {
    return { keys: await this.keys.publicJwks() };
  }
}
