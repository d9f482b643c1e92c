import { generateKeyPairSync, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AppConfig } from '../../bootstrap/config/app-config';
import type { Identity } from '../../common/auth/identity';
import type { Role } from '../../common/auth/roles';
import type { Clock } from '../../common/clock/clock.provider';
import type { SkillsService } from '../content/skills/skills.service';
import type { McpServerCatalog } from '../governance/policy/mcp-server-catalog';
import type { McpServerPolicy } from '../governance/policy/mcp-server.policy';
import type { AgentDirectory } from './agent-directory';
import { signingKeyFrom } from './keys/manifest-signing-key';
import type { SigningKeyService } from './keys/signing-key.service';
import { ManifestService } from './manifest.service';

const key = signingKeyFrom(generateKeyPairSync('ed25519').privateKey);
const NOW = Date.parse('2026-03-01T12:00:00Z');

const server = (name: string, roles: Role[]): McpServerPolicy => ({
  name,
  description: `${name} server`,
  access: { roles, scopes: ['mcp:call'] },
  tools: { allow: ['*'], deny: [] },
});

function service(agents?: AgentDirectory): ManifestService {
  return new ManifestService(
    { publicUrl: 'https://gw.example' } as AppConfig,
    { current: async () => key } as unknown as SigningKeyService,
    { list: () => [{ name: 'summarise', description: 'Short', instructions: 'Do it.', sha256: 'ab'.repeat(32), file: '/x' }] } as unknown as SkillsService,
    { list: () => [server('zeta', ['developer']), server('files', ['user', 'developer']), server('ops', ['admin'])] } as unknown as McpServerCatalog,
    { nowMs: () => NOW, now: () => new Date(NOW) } as Clock,
    agents,
  );
}

const identity = (role: Role): Identity => ({
  principal: 'user',
  userId: '11111111-1111-4111-8111-111111111111',
  tenantId: 't',
  role,
  scopes: null,
  sessionId: 's',
  clientId: null,
  credentialId: 'c',
  credential: 'pat',
});

describe('ManifestService', () => {
  it('signs the canonical JSON of the manifest with the current key', async () => {
    const signed = await service().manifestFor(identity('user'));
    expect(signed.key_id).toBe(key.keyId);
    const ok = verify(null, Buffer.from(canonicalize(signed.manifest) ?? ''), key.publicKeyPem, Buffer.from(signed.signature, 'base64url'));
    expect(ok).toBe(true);
  });

  it('names subject, issuer and a 24 h validity', async () => {
    const { manifest } = await service().manifestFor(identity('user'));
    expect(manifest).toMatchObject({
      version: 1,
      issuer: 'https://gw.example',
      subject: '11111111-1111-4111-8111-111111111111',
      role: 'user',
      issued_at: '2026-03-01T12:00:00.000Z',
      expires_at: '2026-03-02T12:00:00.000Z',
      skills: [{ name: 'summarise', description: 'Short', sha256: 'ab'.repeat(32), instructions: 'Do it.' }],
    });
  });

  it.each([
    ['user', ['files']],
    ['developer', ['files', 'zeta']],
    ['auditor', []],
    ['admin', ['files', 'ops', 'zeta']],
  ] as const)('lists for %s only the MCP servers its role may use', async (role, names) => {
    const { manifest } = await service().manifestFor(identity(role));
    expect(manifest.mcp_servers.map((s) => s.name)).toEqual(names);
    for (const s of manifest.mcp_servers) expect(s).toEqual({ name: s.name, description: `${s.name} server`, url: `https://gw.example/api/v1/mcp/${s.name}/mcp`, transport: 'streamable-http' });
  });

  it('has no agents without an agent directory', async () => {
    expect((await service().manifestFor(identity('user'))).manifest.agents).toEqual([]);
  });

  it('takes agents from the directory, only name, description and url, sorted', async () => {
    const directory: AgentDirectory = {
      agentsFor: async () => [
        { name: 'zed', description: 'z', url: 'https://gw.example/api/v1/agents/zed', secret: 'x' } as never,
        { name: 'helper', description: 'h', url: 'https://gw.example/api/v1/agents/helper' },
      ],
    };
    const { manifest } = await service(directory).manifestFor(identity('user'));
    expect(manifest.agents).toEqual([
      { name: 'helper', description: 'h', url: 'https://gw.example/api/v1/agents/helper' },
      { name: 'zed', description: 'z', url: 'https://gw.example/api/v1/agents/zed' },
    ]);
  });
});
