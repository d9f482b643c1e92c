import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentIdentity, TraceId } from '../../common/auth/current-identity.decorator';
import type { Identity } from '../../common/auth/identity';
import { Scopes } from '../../common/auth/scopes.decorator';
import { A2AJsonRpcHandler } from './a2a/a2a-jsonrpc.handler';
import { AgentRegistry } from './registry/agent-registry.service';

/** The agent registry and each agent's A2A JSON-RPC endpoint. */
@ApiTags('agents')
@ApiSecurity('bearer')
@Controller('api/v1/agents')
export class AgentsController {
  constructor(
    private readonly registry: AgentRegistry,
    private readonly rpc: A2AJsonRpcHandler,
  ) {}

  @Get('registry')
  @ApiOperation({ summary: 'Agents with their model, tools, skills, status and whether the caller may use them' })
  list(@CurrentIdentity() identity: Identity) {
    return this.registry.list().map((agent) => ({
      name: agent.name,
      description: agent.description,
      version: agent.version,
      model: agent.model,
      skills: agent.skills,
      mcp_servers: agent.mcp_servers,
      status: 'ready',
      access: { allowed: this.registry.mayUse(identity, agent), roles: agent.access.roles },
      card_url: `/.well-known/agent-cards/${agent.name}`,
    }));
  }

  @Post(':name')
  @Scopes('agents:invoke')
  @ApiOperation({ summary: 'A2A JSON-RPC 2.0: message/send, message/stream (SSE), tasks/get, tasks/cancel' })
  @ApiBody({ schema: { type: 'object', example: { jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { kind: 'message', messageId: 'm1', role: 'user', parts: [{ kind: 'text', text: 'Hello' }] } } } } })
  async call(@Param('name') name: string, @CurrentIdentity() identity: Identity, @TraceId() traceId: string, @Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const agent = this.registry.get(name);
    if (!agent) throw new NotFoundException(`Agent ${name} not found`);
    await this.rpc.handle({ agent, identity, traceId, body, request: req, reply, allowed: this.registry.mayUse(identity, agent) });
  }
}
