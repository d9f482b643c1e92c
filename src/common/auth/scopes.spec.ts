import { ROLES, roleAtLeast } from './roles';
import { holdsScope, isKnownScope, scopeAllowedForRole } from './scopes';

describe('roles', () => {
  it('orders the six tiers, each including the ones below', () => {
    expect(ROLES).toEqual(['anonymous', 'user', 'developer', 'agent_operator', 'auditor', 'admin']);
    for (let i = 0; i < ROLES.length; i++) {
      for (let j = 0; j < ROLES.length; j++) expect(roleAtLeast(ROLES[i]!, ROLES[j]!)).toBe(i >= j);
    }
  });
});

describe('scopes', () => {
  it.each([
    ['users:admin', 'developer', false],
    ['users:admin', 'admin', true],
    ['audit:read', 'agent_operator', false],
    ['audit:read', 'auditor', true],
    ['gateway:invoke', 'user', true],
    ['gateway:invoke', 'anonymous', false],
    ['mcp:files:read_*', 'user', true],
  ] as const)('%s for %s: %s', (scope, role, allowed) => {
    expect(scopeAllowedForRole(scope, role)).toBe(allowed);
  });

  it('knows catalogue and per-tool MCP scopes only', () => {
    expect(isKnownScope('mcp:files:delete_file')).toBe(true);
    expect(isKnownScope('world:domination')).toBe(false);
  });

  it('an unscoped credential holds what its role allows, nothing more', () => {
    expect(holdsScope('developer', null, 'gateway:invoke')).toBe(true);
    expect(holdsScope('developer', null, 'users:admin')).toBe(false);
  });

  it('a scoped credential is narrowed to its scopes', () => {
    expect(holdsScope('admin', ['gateway:invoke'], 'users:admin')).toBe(false);
    expect(holdsScope('admin', ['users:admin'], 'users:admin')).toBe(true);
  });

  it('a scope above the role is never held, even when listed', () => {
    expect(holdsScope('user', ['users:admin'], 'users:admin')).toBe(false);
  });

  it('a per-tool MCP scope grants mcp:call', () => {
    expect(holdsScope('user', ['mcp:files:read'], 'mcp:call')).toBe(true);
    expect(holdsScope('user', ['gateway:invoke'], 'mcp:call')).toBe(false);
  });
});
