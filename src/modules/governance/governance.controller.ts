import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentIdentity, TraceId } from '../../common/auth/current-identity.decorator';
import type { Identity } from '../../common/auth/identity';
import { Scopes } from '../../common/auth/scopes.decorator';
import { LenientBodyPipe } from '../../common/validation/lenient-body';
import { ClaudeCodeHookDto, ClaudeCodeHookOutputDto, EvaluateRequestDto, GovernanceDecisionDto } from './dto/evaluate.dto';
import type { GovernanceDecision } from './governance.types';
import { GovernanceService } from './governance.service';

/** The pipeline for tools that run elsewhere: a decision in, nothing executed here. */
@ApiTags('governance')
@ApiSecurity('bearer')
@Controller('api/v1')
export class GovernanceController {
  constructor(private readonly governance: GovernanceService) {}

  @Post('governance/evaluate')
  @HttpCode(200)
  @Scopes('hook:govern')
  @ApiOperation({ summary: 'Decide one tool call (200 with allow or deny; nothing is executed)' })
  @ApiOkResponse({ type: GovernanceDecisionDto })
  async evaluate(@CurrentIdentity() identity: Identity, @TraceId() traceId: string, @Req() req: FastifyRequest, @Body() body: EvaluateRequestDto): Promise<GovernanceDecision> {
    const outcome = await this.governance.decide({ identity, traceId, toolName: body.tool_name, input: body.tool_input, server: body.server, agent: agentHeader(req), callSource: 'evaluate' });
    return outcome.decision;
  }

  @Post('hooks/claude-code')
  @HttpCode(200)
  @Scopes('hook:govern')
  @ApiOperation({ summary: "Claude Code PreToolUse hook: the hook's input in, its permission decision out" })
  @ApiOkResponse({ type: ClaudeCodeHookOutputDto })
  async claudeCode(@CurrentIdentity() identity: Identity, @TraceId() traceId: string, @Body(LenientBodyPipe) body: ClaudeCodeHookDto): Promise<ClaudeCodeHookOutputDto> {
    const withSession = { ...identity, sessionId: body.session_id.slice(0, 128) };
    const { decision } = await this.governance.decide({ identity: withSession, traceId, toolName: body.tool_name, input: body.tool_input, agent: 'claude-code', callSource: 'claude-code-hook' });
    return {
      hookSpecificOutput: {
        hookEventName: body.hook_event_name,
        permissionDecision: decision.decision,
        permissionDecisionReason: decision.decision === 'allow' ? `allowed by policy ${decision.policy_version}` : `${decision.stage}: ${decision.reason} (trace ${traceId})`,
      },
    };
  }
}

function agentHeader(req: FastifyRequest): string | null {
  const value = req.headers['x-agent-name'];
  return typeof value === 'string' ? value.slice(0, 200) : null;
}
