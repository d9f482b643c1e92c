import { DomainError } from '../../common/errors/domain.error';

export type OAuthErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_CLIENT'
  | 'INVALID_GRANT'
  | 'UNAUTHORIZED_CLIENT'
  | 'UNSUPPORTED_GRANT_TYPE'
  | 'UNSUPPORTED_RESPONSE_TYPE'
  | 'INVALID_SCOPE'
  | 'INVALID_TARGET'
  | 'ACCESS_DENIED'
  | 'INVALID_TOKEN'
  | 'INVALID_CLIENT_METADATA'
  | 'INVALID_REDIRECT_URI';

/** RFC 6749 §5.2, RFC 6750 §3.1, RFC 7591 §3.2.2 and RFC 8707: the wire code and status of each. */
export const OAUTH_ERRORS = {
  INVALID_REQUEST: { status: 400, error: 'invalid_request' },
  INVALID_CLIENT: { status: 401, error: 'invalid_client' },
  INVALID_GRANT: { status: 400, error: 'invalid_grant' },
  UNAUTHORIZED_CLIENT: { status: 400, error: 'unauthorized_client' },
  UNSUPPORTED_GRANT_TYPE: { status: 400, error: 'unsupported_grant_type' },
  UNSUPPORTED_RESPONSE_TYPE: { status: 400, error: 'unsupported_response_type' },
  INVALID_SCOPE: { status: 400, error: 'invalid_scope' },
  INVALID_TARGET: { status: 400, error: 'invalid_target' },
  ACCESS_DENIED: { status: 403, error: 'access_denied' },
  INVALID_TOKEN: { status: 401, error: 'invalid_token' },
  INVALID_CLIENT_METADATA: { status: 400, error: 'invalid_client_metadata' },
  INVALID_REDIRECT_URI: { status: 400, error: 'invalid_redirect_uri' },
} as const satisfies Record<OAuthErrorCode, { status: number; error: string }>;

/**
 * An OAuth protocol error. It carries its own RFC 6749 body (`{error, error_description}`), so
 * the global filter sends it as is (it is a ShapedError) on every surface.
 */
export class OAuthError extends DomainError<OAuthErrorCode> {
  get status(): number {
    return OAUTH_ERRORS[this.code].status;
  }

  get error(): string {
    return OAUTH_ERRORS[this.code].error;
  }

  get body(): Record<string, unknown> {
    return { error: this.error, error_description: this.message };
  }

  get headers(): Record<string, string> {
    const headers: Record<string, string> = { 'cache-control': 'no-store', pragma: 'no-cache' };
    if (this.code === 'INVALID_CLIENT') headers['www-authenticate'] = 'Basic realm="oauth", charset="UTF-8"';
    if (this.code === 'INVALID_TOKEN') headers['www-authenticate'] = `Bearer error="invalid_token", error_description="${this.message.replace(/"/g, "'")}"`;
    return headers;
  }
}
