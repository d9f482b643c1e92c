import { Injectable } from '@nestjs/common';
import type { Identity } from '../../common/auth/identity';
import { AuditTrail } from './audit/audit-trail.service';
import { GovernancePipeline, type PipelineOutcome } from './governance-pipeline.service';
import { McpServerCatalog } from './policy/mcp-server-catalog';
import { resolveTool } from './tool-reference';

export interface ToolCallRequest {
  identity: Identity;
  traceId: string;
  toolName: string;
  input: unknown;
  server?: string | null;
  agent?: string | null;
  callSource: string;
}

/**
 * Governs tool calls that run elsewhere (the evaluate endpoint, the Claude Code hook, agents):
 * resolve the tool's server, run the pipeline, audit identity, context and permissions.
 */
@Injectable()
export class GovernanceService {
  constructor(
    private readonly pipeline: GovernancePipeline,
    private readonly catalog: McpServerCatalog,
    private readonly audit: AuditTrail,
  ) {}

  async decide(request: ToolCallRequest): Promise<PipelineOutcome> {
    const { tool, server, unknownServer } = resolveTool(this.catalog, request.toolName, request.server);
    const context = { identity: request.identity, traceId: request.traceId, tool, server, input: request.input, agent: request.agent ?? null };
    const outcome = unknownServer
      ? this.unknownServer(context, unknownServer)
      : await this.pipeline.evaluate(context);
    this.audit.recordDecision({ traceId: request.traceId, identity: request.identity, agent: request.agent, server: server?.name ?? unknownServer, tool }, outcome.decision, request.callSource);
    return outcome;
  }

  /** A server nobody configured: denied at the scope stage, recorded like any denial. */
  private unknownServer(context: Parameters<GovernancePipeline['evaluate']>[0], name: string): PipelineOutcome {
    const denial = { stage: 'scope', code: 'UNKNOWN_SERVER', reason: `MCP server ${name} is not configured`, status: 403 };
    void this.pipeline.runStage({ name: 'scope', evaluate: () => ({ denial }) }, context);
    return this.pipeline.finish(context, denial, context.input);
  }
}
