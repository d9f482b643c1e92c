import { OAuthError } from '../oauth.errors';

/** RFC 8707: a resource indicator must name something on this server (the MCP endpoints, typically). */
export function resourceIndicator(issuer: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value === issuer || value.startsWith(`${issuer}/`)) return value;
  throw new OAuthError('INVALID_TARGET', `resource ${value} is not served here`);
}
