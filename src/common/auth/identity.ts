import type { PrincipalKind, Role } from './roles';

/** Who is calling and what they may do; resolved once per request by the auth guard. */
export interface Identity {
  principal: PrincipalKind;
  userId: string | null;
  tenantId: string;
  role: Role;
  /** null = unscoped: every scope the role allows. */
  scopes: readonly string[] | null;
  sessionId: string;
  clientId: string | null;
  /** The PAT id, or the JWT id. */
  credentialId: string | null;
  credential: 'pat' | 'jwt' | 'none';
  /** For `a2a` principals: the user the agent acts for. */
  actorUserId?: string | null;
  email?: string;
}

export const DEFAULT_TENANT_ID = '00000000-0000-4000-8000-000000000001';

export function anonymousIdentity(sessionId: string): Identity {
  return {
    principal: 'anonymous',
    userId: null,
    tenantId: DEFAULT_TENANT_ID,
    role: 'anonymous',
    scopes: [],
    sessionId,
    clientId: null,
    credentialId: null,
    credential: 'none',
  };
}

/** The gateway itself acting (CLI commands, start-up jobs): an admin with no user row. */
export function systemIdentity(traceId = 'system'): Identity {
  return {
    principal: 'service',
    userId: null,
    tenantId: DEFAULT_TENANT_ID,
    role: 'admin',
    scopes: null,
    sessionId: `system-${traceId}`,
    clientId: 'systemprompt-cli',
    credentialId: null,
    credential: 'none',
  };
}
