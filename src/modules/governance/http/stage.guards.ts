import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuditTrail } from '../audit/audit-trail.service';
import { denialResponse } from '../governance.errors';
import { GovernancePipeline } from '../governance-pipeline.service';
import type { StageName } from '../governance.types';
import { metadataOnce } from '../../../common/metadata/metadata-once';
import { McpServerCatalog } from '../policy/mcp-server-catalog';
import { GOVERNED_OPTIONS, type GovernedOptions, type GovernedRequest, type GovernanceState } from './governed-request';

const governedOptions = metadataOnce<GovernedOptions>(GOVERNED_OPTIONS);

/**
 * One guard per stage. Each runs its stage, first running any stage the profile orders before
 * it that has not run yet, so the effective order is always `governance.order` whatever the
 * decorator lists. The first denial ends the chain (audited, 403/429 with the decision body).
 */
@Injectable()
abstract class StageGuard implements CanActivate {
  protected abstract readonly stageName: StageName;

  constructor(
    private readonly pipeline: GovernancePipeline,
    private readonly catalog: McpServerCatalog,
    private readonly audit: AuditTrail,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const request = execution.switchToHttp().getRequest<GovernedRequest>();
    const state = request.governance ?? (request.governance = this.start(request, execution));
    const order = this.pipeline.order;
    const upTo = order.indexOf(this.stageName);
    for (const name of order.slice(0, upTo + 1)) {
      if (state.done.has(name)) continue;
      state.done.add(name);
      const verdict = await this.pipeline.runStage(this.pipeline.stage(name), state.context);
      if (verdict.denial) {
        const outcome = this.pipeline.finish(state.context, verdict.denial, state.context.input);
        this.recordAudit(state, outcome.decision);
        throw denialResponse(outcome.decision, verdict.denial);
      }
      if (verdict.input !== undefined) state.context = { ...state.context, input: verdict.input };
    }
    if (order.every((name) => state.done.has(name)) && !state.decision) {
      state.decision = this.pipeline.finish(state.context, null, state.context.input).decision;
      this.recordAudit(state, state.decision);
    }
    return true;
  }

  private start(request: GovernedRequest, execution: ExecutionContext): GovernanceState {
    if (!request.identity) throw new UnauthorizedException('Authentication required');
    const options = governedOptions(execution.getHandler()) ?? {};
    const serverName = request.params[options.serverParam ?? 'server'];
    const tool = request.params[options.toolParam ?? 'tool'] ?? '';
    const body = (request.body ?? {}) as Record<string, unknown>;
    const server = serverName ? this.catalog.get(serverName) : null;
    const context = { identity: request.identity, traceId: String(request.id), tool, server, input: body[options.argumentsField ?? 'arguments'] ?? {}, agent: null };
    return { context, done: new Set() };
  }

  private recordAudit(state: GovernanceState, decision: Parameters<AuditTrail['recordDecision']>[1]): void {
    const { context } = state;
    this.audit.recordDecision({ traceId: context.traceId, identity: context.identity, server: context.server?.name ?? null, tool: context.tool }, decision, 'http');
  }
}

@Injectable()
export class ScopeGuard extends StageGuard {
  protected readonly stageName = 'scope';
}

@Injectable()
export class SecretScanGuard extends StageGuard {
  protected readonly stageName = 'secret_scan';
}

@Injectable()
export class BlocklistGuard extends StageGuard {
  protected readonly stageName = 'blocklist';
}

@Injectable()
export class RateLimitGuard extends StageGuard {
  protected readonly stageName = 'rate_limit';
}
