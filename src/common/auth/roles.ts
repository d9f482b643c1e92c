/** The six tiers, lowest to highest; each holds every power of the tiers below it. */
export const ROLES = ['anonymous', 'user', 'developer', 'agent_operator', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = Object.fromEntries(ROLES.map((r, i) => [r, i])) as Record<Role, number>;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && value in RANK;
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

export function roleRank(role: Role): number {
  return RANK[role];
}

/** Who is acting: a person, an OAuth client, an agent for a user, an MCP host, or nobody. */
export const PRINCIPAL_KINDS = ['user', 'service', 'a2a', 'mcp', 'anonymous'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];
