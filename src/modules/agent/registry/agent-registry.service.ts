import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { parseDocument } from 'yaml';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { BootstrapError } from '../../../bootstrap/bootstrap.error';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { describeIssue } from '../../../bootstrap/zod-issue';
import type { Identity } from '../../../common/auth/identity';
import { roleAtLeast } from '../../../common/auth/roles';
import { ModelRouter } from '../../gateway/routing/model-router';
import { McpServerCatalog } from '../../governance/policy/mcp-server-catalog';
import { SKILL_LOOKUP, type SkillLookup } from '../agent.tokens';
import { type AgentDefinition, agentDefinitionSchema } from './agent-definition.schema';

/**
 * The agents of `services/agents/*.yaml`, validated at start: an unknown model route, skill or
 * MCP server refuses the start, naming the file.
 */
@Injectable()
export class AgentRegistry {
  private readonly agents = new Map<string, AgentDefinition>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    router: ModelRouter,
    catalog: McpServerCatalog,
    @Optional() @Inject(SKILL_LOOKUP) skills?: SkillLookup,
  ) {
    const dir = join(config.paths.services, 'agents');
    if (!existsSync(dir)) return;
    for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const path = join(dir, file);
      const agent = parseAgent(path);
      if (!router.resolve(agent.model)) throw new BootstrapError('config', path, 'model', `no gateway route matches model '${agent.model}'`);
      agent.mcp_servers.forEach((name, i) => {
        if (!catalog.get(name)) throw new BootstrapError('config', path, `mcp_servers.${i}`, `unknown MCP server '${name}'`);
      });
      agent.skills.forEach((name, i) => {
        if (skills && !skills.has(name)) throw new BootstrapError('config', path, `skills.${i}`, `unknown skill '${name}'`);
      });
      if (this.agents.has(agent.name)) throw new BootstrapError('config', path, 'name', `agent '${agent.name}' is defined twice`);
      this.agents.set(agent.name, agent);
    }
  }

  get(name: string): AgentDefinition | null {
    return this.agents.get(name) ?? null;
  }

  list(): AgentDefinition[] {
    return [...this.agents.values()];
  }

  mayUse(identity: Identity, agent: AgentDefinition): boolean {
    return roleAtLeast(identity.role, 'admin') || agent.access.roles.includes(identity.role);
  }
}

function parseAgent(path: string): AgentDefinition {
  const doc = parseDocument(readFileSync(path, 'utf8'));
  if (doc.errors[0]) throw new BootstrapError('config', path, `line ${doc.errors[0].linePos?.[0]?.line ?? 0}`, `invalid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const result = agentDefinitionSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    const { field, reason } = describeIssue(result.error.issues[0]!);
    throw new BootstrapError('config', path, field, reason);
  }
  return { ...result.data, file: path };
}
