import { type Role, roleAtLeast } from './roles';

/**
 * Every scope a token may carry and the lowest role that may hold it. A token never holds more
 * than its user's role allows: issuing one with a scope above the role is refused, and scopes
 * are re-checked against the current role on every request.
 */
export const SCOPE_MIN_ROLE = {
  'gateway:invoke': 'user',
  'mcp:call': 'user',
  'agents:invoke': 'user',
  'analytics:read': 'user',
  'events:read': 'user',
  'content:read': 'user',
  'hook:govern': 'user',
  'hook:track': 'user',
  'tokens:manage': 'user',
  'content:write': 'admin',
  'audit:read': 'auditor',
  'users:admin': 'admin',
  'admin:config': 'admin',
} as const satisfies Record<string, Role>;

export type KnownScope = keyof typeof SCOPE_MIN_ROLE;

/** `mcp:<server>:<tool>` narrows MCP calls to one tool (globs allowed in both parts). */
const MCP_TOOL_SCOPE = /^mcp:[A-Za-z0-9_*.-]{1,64}:[A-Za-z0-9_*.-]{1,128}$/;

export function isKnownScope(scope: string): boolean {
  return scope in SCOPE_MIN_ROLE || MCP_TOOL_SCOPE.test(scope);
}

export function scopeAllowedForRole(scope: string, role: Role): boolean {
  if (MCP_TOOL_SCOPE.test(scope)) return roleAtLeast(role, 'user');
  const min = (SCOPE_MIN_ROLE as Record<string, Role>)[scope];
  return min !== undefined && roleAtLeast(role, min);
}

/**
 * Whether a caller may use `required`. `scopes === null` means an unscoped credential: it
 * has every scope its role allows.
 */
export function holdsScope(role: Role, scopes: readonly string[] | null, required: string): boolean {
  if (!scopeAllowedForRole(required, role)) return false;
  if (scopes === null) return true;
  if (scopes.includes(required)) return true;
  // A tool scope `mcp:files:read_*` also grants the general right to call MCP through it.
  return required === 'mcp:call' && scopes.some((s) => s.startsWith('mcp:') && MCP_TOOL_SCOPE.test(s));
}
