import { isKnownScope, scopeAllowedForRole } from '../../common/auth/scopes';
import type { Role } from '../../common/auth/roles';

/** OpenID Connect scopes: they shape the id_token and userinfo, never what a token may do. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

export function parseScope(value: string | undefined | null): string[] {
  return [...new Set((value ?? '').split(' ').filter(Boolean))];
}

export function isGrantableScope(scope: string): boolean {
  return (OIDC_SCOPES as readonly string[]).includes(scope) || isKnownScope(scope);
}

/** The first scope nobody can grant, or null. */
export function unknownScope(scopes: readonly string[]): string | null {
  return scopes.find((s) => !isGrantableScope(s)) ?? null;
}

/**
 * What a grant may hold: the requested scopes (or the client's when none were asked for), all
 * within the client's registration, minus the gateway scopes the user's role cannot hold (they
 * are dropped and the response's `scope` says so, RFC 6749 §3.3). Null = a scope outside the
 * client's registration.
 */
export function grantedScope(requested: readonly string[], clientScope: readonly string[], role: Role | null): string[] | null {
  const asked = requested.length > 0 ? requested : clientScope;
  if (asked.some((s) => !clientScope.includes(s))) return null;
  return asked.filter((s) => (OIDC_SCOPES as readonly string[]).includes(s) || role === null || scopeAllowedForRole(s, role));
}
