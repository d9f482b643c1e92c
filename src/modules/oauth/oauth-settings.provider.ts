import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { BootstrapError } from '../../bootstrap/bootstrap.error';
import { APP_CONFIG } from '../../bootstrap/bootstrap.tokens';

const OAUTH = '/api/v1/oauth';

/**
 * Everything the OAuth module derives from the configuration, computed once: the issuer and
 * its URLs, the WebAuthn relying party, lifetimes and the registration policy.
 */
@Injectable()
export class OauthSettings {
  /** The OIDC issuer (`iss` of id_tokens, the discovery documents' `issuer`). */
  readonly issuer: string;
  /** The MCP resource (RFC 9728) that tokens of this server are meant for. */
  readonly mcpResource: string;
  /** `iss` and `aud` of access tokens: those of every gateway JWT, so they verify everywhere. */
  readonly accessTokenIssuer: string;
  readonly accessTokenAudience: string;
  readonly accessTokenTtl: number;
  readonly refreshTokenTtl: number;
  readonly codeTtl: number;
  readonly sessionTtl: number;
  readonly enrolmentTtl: number;
  readonly coworkTokenTtl: number;
  readonly defaultScope: string;
  /** The RFC 7591 initial access token, or null for open registration. */
  readonly registrationToken: string | null;
  readonly rpId: string;
  readonly rpName: string;
  readonly origin: string;
  readonly secureCookies: boolean;
  readonly jwtSecret: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const o = config.oauth;
    this.issuer = (o.issuer ?? config.publicUrl).replace(/\/$/, '');
    const url = new URL(this.issuer);
    this.origin = url.origin;
    this.rpId = url.hostname.replace(/^\[|\]$/g, '');
    this.rpName = config.site.name;
    this.secureCookies = url.protocol === 'https:';
    this.mcpResource = `${this.issuer}/api/v1/mcp`;
    this.accessTokenIssuer = config.security.jwt_issuer;
    this.accessTokenAudience = config.security.jwt_audiences[0]!;
    this.accessTokenTtl = config.security.jwt_access_token_expiration;
    this.refreshTokenTtl = config.security.jwt_refresh_token_expiration;
    this.codeTtl = o.code_ttl_seconds;
    this.sessionTtl = o.session_ttl_seconds;
    this.enrolmentTtl = o.enrolment_ttl_seconds;
    this.coworkTokenTtl = o.cowork_token_ttl_seconds;
    this.defaultScope = o.default_scope;
    this.jwtSecret = config.secrets.jwt_secret;
    this.registrationToken = null;
    if (o.registration_token_secret) {
      const value = config.secrets.custom[o.registration_token_secret];
      if (!value) {
        const env = `SYSTEMPROMPT_SECRET_${o.registration_token_secret.toUpperCase()}`;
        throw new BootstrapError('config', config.profileFile, 'oauth.registration_token_secret', `names secret '${o.registration_token_secret}', which is not set (${env})`);
      }
      this.registrationToken = value;
    }
  }

  /** An absolute URL of one of this server's OAuth endpoints (`authorize`, `token`, …). */
  endpoint(name: string): string {
    return `${this.issuer}${OAUTH}/${name}`;
  }
}
