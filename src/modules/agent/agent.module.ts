import { Module } from '@nestjs/common';
import { registerErrorSurface, jsonRpcSurface } from '../../common/errors/error-surfaces';
import { AGENT_DIRECTORY } from '../bridge/agent-directory';
import { ContentModule } from '../content/content.module';
import { SkillsService } from '../content/skills/skills.service';
import { GatewayModule } from '../gateway/gateway.module';
import { GovernanceModule } from '../governance/governance.module';
import { McpModule } from '../mcp/mcp.module';
import { A2AJsonRpcHandler } from './a2a/a2a-jsonrpc.handler';
import { A2ARpcService } from './a2a/a2a-rpc.service';
import { AgentCardFactory } from './agent-card.factory';
import { RegistryAgentDirectory } from './agent-directory.provider';
import { SKILL_LOOKUP } from './agent.tokens';
import { AgentCardsController } from './agent-cards.controller';
import { AgentsController } from './agents.controller';
import { AgentRegistry } from './registry/agent-registry.service';
import { AgentRuntime } from './runtime/agent-runtime';
import { AgentTasksRepository } from './tasks/agent-tasks.repository';

// Unparseable bodies on an agent endpoint get JSON-RPC's -32700, not the REST error shape.
registerErrorSurface(jsonRpcSurface(/^\/api\/v1\/agents\/[^/]+$/));

/** Agents as configuration: registry, A2A cards and JSON-RPC, the governed runtime. */
@Module({
  imports: [GatewayModule, GovernanceModule, McpModule, ContentModule],
  controllers: [AgentCardsController, AgentsController],
  providers: [
    AgentRegistry,
    AgentCardFactory,
    AgentTasksRepository,
    AgentRuntime,
    A2ARpcService,
    A2AJsonRpcHandler,
    RegistryAgentDirectory,
    { provide: SKILL_LOOKUP, useExisting: SkillsService },
    { provide: AGENT_DIRECTORY, useExisting: RegistryAgentDirectory },
  ],
  exports: [AgentRegistry, AGENT_DIRECTORY],
})
export class AgentModule {}
