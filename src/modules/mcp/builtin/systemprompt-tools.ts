import { Injectable } from '@nestjs/common';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Identity } from '../../../common/auth/identity';
import { McpServerCatalog } from '../../governance/policy/mcp-server-catalog';
import { ModelRouter } from '../../gateway/routing/model-router';

type Handler = (identity: Identity, args: Record<string, unknown>) => Promise<unknown> | unknown;

/**
 * The built-in `systemprompt` MCP server: read-only views of this gateway, so the platform is
 * usable from any MCP host. (Admin-only by default through `admin_only_tools`.)
 */
@Injectable()
export class SystempromptTools {
  private readonly handlers: Record<string, { tool: Tool; run: Handler }>;

  constructor(catalog: McpServerCatalog, router: ModelRouter) {
    const noArgs = { type: 'object' as const, properties: {} };
    this.handlers = {
      list_mcp_servers: {
        tool: { name: 'list_mcp_servers', description: 'MCP servers governed by this gateway', inputSchema: noArgs },
        run: () => catalog.list().map((s) => ({ name: s.name, description: s.description, roles: s.access.roles, upstream: s.upstream ? 'remote' : 'built-in' })),
      },
      list_models: {
        tool: { name: 'list_models', description: 'Model routes of the LLM gateway', inputSchema: noArgs },
        run: () => router.routes.map((r) => ({ pattern: r.modelPattern, provider: r.provider, route: r.name })),
      },
      whoami: {
        tool: { name: 'whoami', description: 'The identity this call runs as', inputSchema: noArgs },
        run: (identity) => ({ user_id: identity.userId, role: identity.role, principal: identity.principal, scopes: identity.scopes }),
      },
    };
  }

  list(): Tool[] {
    return Object.values(this.handlers).map((h) => h.tool);
  }

  async call(identity: Identity, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
    const handler = this.handlers[name];
    if (!handler) return { isError: true, content: [{ type: 'text', text: `unknown tool ${name}` }] };
    const value = await handler.run(identity, args);
    return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: { result: value } as Record<string, unknown> };
  }
}
