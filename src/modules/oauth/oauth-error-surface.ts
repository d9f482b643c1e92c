import { type ErrorSurface, registerErrorSurface } from '../../common/errors/error-surfaces';
import { OAUTH_ERRORS, type OAuthErrorCode } from './oauth.errors';

function oauthSurface(pattern: RegExp, code: OAuthErrorCode): ErrorSurface {
  return {
    matches: (method, url) => (method === 'POST' || method === 'GET') && pattern.test(url.split('?')[0]!),
    render: (status, message) => ({ status, body: { error: OAUTH_ERRORS[code].error, error_description: message } }),
  };
}

/**
 * Requests refused before an OAuth handler runs (unparseable or oversized body, wrong media type,
 * NUL or ill-formed Unicode) are answered as RFC 6749 §5.2 / RFC 7591 §3.2.2 errors, like the
 * handlers' own refusals, so that an OAuth client reads every error of these endpoints one way.
 * Found by the fuzz tier (test/fuzz/oauth.fuzz-spec.ts).
 */
export function registerOAuthErrorSurfaces(): void {
  registerErrorSurface(oauthSurface(/^\/api\/v1\/oauth\/(token|revoke|introspect|authorize)$/, 'INVALID_REQUEST'));
  registerErrorSurface(oauthSurface(/^\/api\/v1\/oauth\/register$/, 'INVALID_CLIENT_METADATA'));
}
