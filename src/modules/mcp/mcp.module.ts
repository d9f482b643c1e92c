import { Module } from '@nestjs/common';
import { jsonRpcSurface, registerErrorSurface } from '../../common/errors/error-surfaces';
import { GatewayModule } from '../gateway/gateway.module';
import { GovernanceModule } from '../governance/governance.module';
import { SystempromptTools } from './builtin/systemprompt-tools';
import { McpController } from './mcp.controller';
import { McpRegistryService } from './mcp-registry.service';
import { McpToolExecutor } from './mcp-tool-executor';
import { McpProxyService } from './proxy/mcp-proxy.service';
import { McpUpstreamPool } from './upstream/mcp-upstream-pool';

// Unparseable bodies on an MCP endpoint get JSON-RPC's -32700, not the REST error shape.
registerErrorSurface(jsonRpcSurface(/^\/api\/v1\/mcp\/[^/]+\/mcp$/));

/** The governed MCP proxy and registry; the built-in `systemprompt` server. */
@Module({
  imports: [GovernanceModule, GatewayModule],
  controllers: [McpController],
  providers: [McpUpstreamPool, SystempromptTools, McpToolExecutor, McpProxyService, McpRegistryService],
  exports: [McpToolExecutor, McpRegistryService],
})
export class McpModule {}
