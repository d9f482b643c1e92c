import { grantedScope, parseScope, unknownScope } from './oauth-scope';

describe('OAuth scopes', () => {
  it('parses and de-duplicates', () => {
    expect(parseScope(' openid  mcp:call openid ')).toEqual(['openid', 'mcp:call']);
    expect(parseScope(undefined)).toEqual([]);
  });

  it('knows OIDC, catalogue and per-tool MCP scopes only', () => {
    expect(unknownScope(['openid', 'gateway:invoke', 'mcp:files:read_*'])).toBeNull();
    expect(unknownScope(['openid', 'world:domination'])).toBe('world:domination');
  });

  it('grants the client scope when none is asked, nothing outside it, and drops scopes above the role', () => {
    const client = ['openid', 'gateway:invoke', 'users:admin'];
    expect(grantedScope([], client, 'admin')).toEqual(client);
    expect(grantedScope([], client, 'user')).toEqual(['openid', 'gateway:invoke']);
    expect(grantedScope(['openid', 'audit:read'], client, 'admin')).toBeNull();
  });
});
