import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { CallToolRequestSchema, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Identity } from '../../../common/auth/identity';
import { PACKAGE_VERSION } from '../../../common/package-version';
import { AuditTrail } from '../../governance/audit/audit-trail.service';
import { GovernancePipeline } from '../../governance/governance-pipeline.service';
import type { McpServerPolicy } from '../../governance/policy/mcp-server.policy';
import { McpToolExecutor } from '../mcp-tool-executor';
import { registerPassthroughHandlers } from './passthrough-handlers';

/** JSON-RPC error code for a governance denial; `data` carries the decision object. */
export const GOVERNANCE_DENIED = -32003;

export interface ProxyRequest {
  identity: Identity;
  traceId: string;
  server: McpServerPolicy;
  agent: string | null;
  req: IncomingMessage;
  res: ServerResponse;
  body: unknown;
}

/**
 * The governed MCP endpoint of one server. Each HTTP request gets a stateless MCP server
 * (streamable HTTP, JSON responses), so any replica can answer any client. `tools/list` is
 * filtered by the scope stage, `tools/call` runs the whole pipeline per message, everything else
 * passes through to the upstream.
 */
@Injectable()
export class McpProxyService {
  /**
   * Shared by the per-request servers: the SDK otherwise builds a fresh Ajv instance (meta
   * schemas, keywords) for every server, which was the largest single cost of a proxied call.
   */
  private readonly schemaValidator = new AjvJsonSchemaValidator();

  constructor(
    private readonly pipeline: GovernancePipeline,
    private readonly executor: McpToolExecutor,
    private readonly audit: AuditTrail,
  ) {}

  async handle(request: ProxyRequest): Promise<void> {
    const server = this.serverFor(request);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    request.res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request.req, request.res, request.body);
  }

  private serverFor({ identity, traceId, server: policy, agent }: ProxyRequest): Server {
    const server = new Server({ name: `systemprompt/${policy.name}`, version: PACKAGE_VERSION }, { capabilities: { tools: { listChanged: false }, resources: {}, prompts: {}, completions: {} }, jsonSchemaValidator: this.schemaValidator });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: await this.executor.listTools(identity, policy) }));
    server.setRequestHandler(CallToolRequestSchema, async (message) => {
      const tool = message.params.name;
      const context = { identity, traceId, tool, server: policy, input: message.params.arguments ?? {}, agent };
      const outcome = await this.pipeline.evaluate(context);
      this.audit.recordDecision({ traceId, identity, agent, server: policy.name, tool }, outcome.decision, 'mcp');
      if (outcome.denial) throw new McpError(GOVERNANCE_DENIED, `denied by governance (${outcome.denial.stage}: ${outcome.denial.reason})`, outcome.decision);
      return this.executor.execute({ identity, traceId, server: policy, tool, args: (outcome.input ?? {}) as Record<string, unknown>, agent });
    });
    if (policy.upstream) registerPassthroughHandlers(server, policy, this.executor);
    return server;
  }
}
