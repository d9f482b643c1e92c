import type { McpServerCatalog } from './policy/mcp-server-catalog';
import type { McpServerPolicy } from './policy/mcp-server.policy';

const MCP_TOOL = /^mcp__([a-z0-9][a-z0-9_-]{0,62})__(.+)$/;

/**
 * Splits a tool name as hosts write it (`mcp__files__read_file`) into server and tool, with the
 * server's policy. A name that is not of that form is a tool without a server (Bash, Edit, …).
 */
export function resolveTool(catalog: McpServerCatalog, name: string, serverName?: string | null): { tool: string; server: McpServerPolicy | null; unknownServer: string | null } {
  if (serverName) {
    const server = catalog.get(serverName);
    return { tool: name, server, unknownServer: server ? null : serverName };
  }
  const match = MCP_TOOL.exec(name);
  if (!match) return { tool: name, server: null, unknownServer: null };
  const server = catalog.get(match[1]!);
  return { tool: match[2]!, server, unknownServer: server ? null : match[1]! };
}
