import { sign } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import canonicalize from 'canonicalize';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../bootstrap/bootstrap.tokens';
import type { Identity } from '../../common/auth/identity';
import { roleAtLeast } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock.provider';
import { McpServerCatalog } from '../governance/policy/mcp-server-catalog';
import { SkillsService } from '../content/skills/skills.service';
import { AGENT_DIRECTORY, type AgentDirectory, type ManifestAgent } from './agent-directory';
import { SigningKeyService } from './keys/signing-key.service';
import { type Manifest, type ManifestMcpServer, type ManifestPublicKey, MANIFEST_VERSION, type SignedManifest } from './manifest.types';

const MANIFEST_TTL_MS = 24 * 60 * 60 * 1000;

/** Builds a caller's manifest (agents, skills, managed MCP allowlist) and signs it. */
@Injectable()
export class ManifestService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: SigningKeyService,
    private readonly skills: SkillsService,
    private readonly catalog: McpServerCatalog,
    private readonly clock: Clock,
    @Optional() @Inject(AGENT_DIRECTORY) private readonly agents?: AgentDirectory,
  ) {}

  async manifestFor(identity: Identity): Promise<SignedManifest> {
    const key = await this.keys.current();
    const now = this.clock.nowMs();
    const manifest: Manifest = {
      version: MANIFEST_VERSION,
      issuer: this.config.publicUrl,
      subject: identity.userId ?? identity.clientId ?? identity.credentialId ?? identity.sessionId,
      role: identity.role,
      issued_at: new Date(now).toISOString(),
      expires_at: new Date(now + MANIFEST_TTL_MS).toISOString(),
      agents: await this.agentsFor(identity),
      skills: this.skills.list().map((s) => ({ name: s.name, description: s.description, sha256: s.sha256, instructions: s.instructions })),
      mcp_servers: this.mcpServersFor(identity),
    };
    const signature = sign(null, Buffer.from(canonicalize(manifest) ?? '', 'utf8'), key.privateKey).toString('base64url');
    return { manifest, signature, key_id: key.keyId };
  }

  async publicKey(): Promise<ManifestPublicKey> {
    const key = await this.keys.current();
    return { key_id: key.keyId, algorithm: 'Ed25519', public_key_pem: key.publicKeyPem };
  }

  /** Only the three listed fields: whatever else the directory knows stays out of the signed document. */
  private async agentsFor(identity: Identity): Promise<ManifestAgent[]> {
    const agents = (await this.agents?.agentsFor(identity)) ?? [];
    return agents.map((a) => ({ name: a.name, description: a.description, url: a.url })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The servers whose `access.roles` hold the caller's role (admins see every server). */
  private mcpServersFor(identity: Identity): ManifestMcpServer[] {
    const isAdmin = roleAtLeast(identity.role, 'admin');
    return this.catalog
      .list()
      .filter((server) => isAdmin || server.access.roles.includes(identity.role))
      .map((server) => ({ name: server.name, description: server.description, url: `${this.config.publicUrl}/api/v1/mcp/${server.name}/mcp`, transport: 'streamable-http' as const }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
