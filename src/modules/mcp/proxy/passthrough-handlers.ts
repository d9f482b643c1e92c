import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CompleteRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { McpServerPolicy } from '../../governance/policy/mcp-server.policy';
import type { McpToolExecutor } from '../mcp-tool-executor';

/** Methods other than tools pass through to the upstream unchanged. */
export function registerPassthroughHandlers(server: Server, policy: McpServerPolicy, executor: McpToolExecutor): void {
  const pool = executor.upstreams;
  const redacted = <T>(work: Promise<T>): Promise<T> => work.then((value) => executor.redact(value));
  server.setRequestHandler(ListResourcesRequestSchema, (m) => redacted(pool.use(policy, (c) => c.listResources(m.params))));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, (m) => redacted(pool.use(policy, (c) => c.listResourceTemplates(m.params))));
  server.setRequestHandler(ReadResourceRequestSchema, (m) => redacted(pool.use(policy, (c) => c.readResource(m.params))));
  server.setRequestHandler(ListPromptsRequestSchema, (m) => redacted(pool.use(policy, (c) => c.listPrompts(m.params))));
  server.setRequestHandler(GetPromptRequestSchema, (m) => redacted(pool.use(policy, (c) => c.getPrompt(m.params))));
  server.setRequestHandler(CompleteRequestSchema, (m) => redacted(pool.use(policy, (c) => c.complete(m.params))));
}
