import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentIdentity, TraceId } from '../../common/auth/current-identity.decorator';
import type { Identity } from '../../common/auth/identity';
import { Scopes } from '../../common/auth/scopes.decorator';
import { Governed } from '../governance/http/governed.decorator';
import type { GovernedRequest } from '../governance/http/governed-request';
import { McpServerCatalog } from '../governance/policy/mcp-server-catalog';
import { CallToolDto } from './dto/call-tool.dto';
import { McpRegistryService, type RegistryEntry } from './mcp-registry.service';
import { McpToolExecutor } from './mcp-tool-executor';
import { McpUnauthorizedFilter } from './mcp-unauthorized.filter';
import { McpProxyService } from './proxy/mcp-proxy.service';

/** MCP: the registry, the governed streamable-HTTP endpoint per server, and REST tool calls. */
@ApiTags('mcp')
@ApiSecurity('bearer')
@UseFilters(McpUnauthorizedFilter)
@Controller('api/v1/mcp')
export class McpController {
  constructor(
    private readonly catalog: McpServerCatalog,
    private readonly registry: McpRegistryService,
    private readonly proxy: McpProxyService,
    private readonly executor: McpToolExecutor,
  ) {}

  @Get('registry')
  @ApiOperation({ summary: 'MCP servers: endpoint, status, tool count and whether the caller may use them' })
  registryList(@CurrentIdentity() identity: Identity): RegistryEntry[] {
    return this.registry.list(identity);
  }

  @Post(':server/mcp')
  @Scopes('mcp:call')
  @ApiOperation({ summary: 'MCP streamable HTTP (JSON-RPC): tools/list filtered, tools/call governed' })
  @ApiBody({ schema: { type: 'object', example: { jsonrpc: '2.0', id: 1, method: 'tools/list' } } })
  async post(@Param('server') name: string, @CurrentIdentity() identity: Identity, @TraceId() traceId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.forward(name, identity, traceId, req, reply);
  }

  @Get(':server/mcp')
  @Scopes('mcp:call')
  @ApiOperation({ summary: 'MCP streamable HTTP: server-to-client stream (not offered by stateless servers: 405)' })
  async get(@Param('server') name: string, @Res() reply: FastifyReply): Promise<void> {
    this.server(name);
    // Each request gets a stateless MCP server, which never sends on a server-to-client stream:
    // letting the SDK open one held the connection (and a server instance) open forever.
    // Streamable HTTP allows 405 here, and SDK clients fall back to POST (found by the fuzz tier).
    await reply
      .status(405)
      .header('allow', 'POST, DELETE')
      .header('content-type', 'application/json')
      .send({ jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Method not allowed: this endpoint is stateless and offers no server-to-client stream' } });
  }

  @Delete(':server/mcp')
  @Scopes('mcp:call')
  @ApiOperation({ summary: 'MCP streamable HTTP: end a session (stateless: nothing to end)' })
  async remove(@Param('server') name: string, @CurrentIdentity() identity: Identity, @TraceId() traceId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.forward(name, identity, traceId, req, reply);
  }

  @Post(':server/tools/:tool')
  @HttpCode(200)
  @Scopes('mcp:call')
  @Governed()
  @ApiOperation({ summary: 'Call one tool over REST, through the same governance chain' })
  @ApiOkResponse({ description: 'The MCP CallToolResult (secrets in it redacted)' })
  async callTool(@Param('server') name: string, @Param('tool') tool: string, @Req() req: GovernedRequest, @Body() _body: CallToolDto): Promise<CallToolResult> {
    const server = this.server(name);
    const state = req.governance!;
    return this.executor.execute({ identity: state.context.identity, traceId: state.context.traceId, server, tool, args: (state.context.input ?? {}) as Record<string, unknown> });
  }

  private async forward(name: string, identity: Identity, traceId: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const server = this.server(name);
    reply.hijack();
    reply.raw.setHeader('x-trace-id', traceId);
    const agent = req.headers['x-agent-name'];
    await this.proxy.handle({ identity, traceId, server, agent: typeof agent === 'string' ? agent.slice(0, 200) : null, req: req.raw, res: reply.raw, body: req.body });
  }

  private server(name: string) {
    const server = this.catalog.get(name);
    if (!server) throw new NotFoundException(`MCP server ${name} is not configured`);
    return server;
  }
}
