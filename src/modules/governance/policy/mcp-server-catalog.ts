import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { parseDocument } from 'yaml';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { BootstrapError } from '../../../bootstrap/bootstrap.error';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { describeIssue } from '../../../bootstrap/zod-issue';
import { type McpServerPolicy, mcpServerPolicySchema } from './mcp-server.policy';

/** Built-in servers served by a Nest provider inside the gateway (no `upstream`). */
export const BUILT_IN_MCP_SERVERS: McpServerPolicy[] = [
  {
    name: 'systemprompt',
    description: 'Read-only administration of this gateway: agents, MCP servers, analytics overview',
    access: { roles: ['user', 'developer', 'agent_operator', 'auditor', 'admin'], scopes: ['mcp:call'] },
    tools: { allow: ['*'], deny: [] },
  },
];

/**
 * The MCP servers of `services/mcp/*.yaml` plus the built-in ones, validated at start: an
 * invalid file stops the start naming the file and the field.
 */
@Injectable()
export class McpServerCatalog {
  private readonly servers = new Map<string, McpServerPolicy>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    for (const server of BUILT_IN_MCP_SERVERS) this.servers.set(server.name, server);
    const dir = join(config.paths.services, 'mcp');
    if (!existsSync(dir)) return;
    for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const path = join(dir, file);
      const server = loadServerFile(path);
      if (this.servers.has(server.name)) throw new BootstrapError('config', path, 'name', `MCP server '${server.name}' is defined twice`);
      if (server.upstream?.auth && !resolveSecret(config, server.upstream.auth.secret)) {
        throw new BootstrapError('config', path, 'upstream.auth.secret', `secret '${server.upstream.auth.secret}' is not configured`);
      }
      this.servers.set(server.name, server);
    }
  }

  get(name: string): McpServerPolicy | null {
    return this.servers.get(name) ?? null;
  }

  list(): McpServerPolicy[] {
    return [...this.servers.values()];
  }
}

function loadServerFile(path: string): McpServerPolicy {
  const doc = parseDocument(readFileSync(path, 'utf8'));
  if (doc.errors[0]) throw new BootstrapError('config', path, `line ${doc.errors[0].linePos?.[0]?.line ?? 0}`, `invalid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const result = mcpServerPolicySchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    const { field, reason } = describeIssue(result.error.issues[0]!);
    throw new BootstrapError('config', path, field, reason);
  }
  return result.data;
}

export function resolveSecret(config: AppConfig, name: string): string | null {
  return config.secrets.custom[name] ?? null;
}
