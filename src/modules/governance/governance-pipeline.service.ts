import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../bootstrap/bootstrap.tokens';
import { DomainEventPublisher } from '../../common/events/domain-event.publisher';
import { TracingService } from '../../common/tracing/tracing.service';
import { DecisionRecorder } from './decisions/decision-recorder';
import { GOVERNANCE_STAGE_TAG } from './governance-stage.decorator';
import type { GovernanceContext, GovernanceDecision, GovernanceDenial, GovernanceStage, StageName, StageVerdict } from './governance.types';
import { traceEvaluation, traceStage } from './governance.spans';
import { McpServerCatalog } from './policy/mcp-server-catalog';
import { policyVersion } from './policy/policy-version';
import { BlocklistStage } from './stages/blocklist.stage';
import { RateLimitStage } from './stages/rate-limit.stage';
import { ScopeStage } from './stages/scope.stage';
import { SecretScanStage } from './stages/secret-scan.stage';

export interface PipelineOutcome {
  decision: GovernanceDecision;
  denial: GovernanceDenial | null;
  /** The arguments to forward (rewritten when a stage redacted them). */
  input: unknown;
}

/**
 * The one decision pipeline: stages in the profile's order, first denial wins. Every stage's
 * verdict is recorded with the policy version; the final decision is emitted as an event. The
 * HTTP guards and the MCP proxy both call this, so both decide identically.
 */
@Injectable()
export class GovernancePipeline implements OnModuleInit {
  private readonly logger = new Logger('GovernancePipeline');
  private stages: GovernanceStage[] = [];
  /** The stages' names, in order (the decision rows of an evaluation). */
  private stageNames: StageName[] = [];
  readonly policyVersion: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly recorder: DecisionRecorder,
    private readonly events: DomainEventPublisher,
    private readonly tracing: TracingService,
    catalog: McpServerCatalog,
    scope: ScopeStage,
    secretScan: SecretScanStage,
    blocklist: BlocklistStage,
    rateLimit: RateLimitStage,
  ) {
    const core = new Map<StageName, GovernanceStage>([scope, secretScan, blocklist, rateLimit].map((s) => [s.name, s]));
    this.stages = config.governance.order.map((name) => core.get(name)!);
    this.stageNames = this.order;
    this.policyVersion = policyVersion({ governance: config.governance, servers: catalog.list() });
  }

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const target = wrapper.metatype as unknown;
      if (wrapper.instance && typeof target === 'function' && Reflect.getMetadata(GOVERNANCE_STAGE_TAG, target)) {
        this.stages.push(wrapper.instance as GovernanceStage);
        this.stageNames = this.order;
        this.logger.log(`governance stage '${(wrapper.instance as GovernanceStage).name}' added`);
      }
    }
  }

  get order(): StageName[] {
    return this.stages.map((s) => s.name);
  }

  stage(name: StageName): GovernanceStage {
    const stage = this.stages.find((s) => s.name === name);
    if (!stage) throw new Error(`unknown governance stage ${name}`);
    return stage;
  }

  evaluate(context: GovernanceContext): Promise<PipelineOutcome> {
    return traceEvaluation(this.tracing, context, () => this.evaluateStages(context));
  }

  private async evaluateStages(context: GovernanceContext): Promise<PipelineOutcome> {
    let input = context.input;
    let allowed = 0;
    for (const stage of this.stages) {
      const stageContext = input === context.input ? context : { ...context, input };
      // Synchronous stages (scope, secret scan, blocklist) are not awaited: with the request
      // context's promise hooks on, every promise of every stage cost a measurable share.
      const pending = this.tracing.enabled ? traceStage(this.tracing, stage.name, stageContext, async () => this.decide(stage, stageContext)) : this.decide(stage, stageContext);
      const verdict = isPromise(pending) ? await pending : pending;
      if (verdict.denial) {
        this.recorder.recordEvaluation(context, this.stageNames, allowed, verdict.denial, this.policyVersion);
        return this.finish(context, verdict.denial, input);
      }
      allowed++;
      if (verdict.input !== undefined) input = verdict.input;
    }
    // All of an evaluation's verdicts are recorded together, as one row group.
    this.recorder.recordEvaluation(context, this.stageNames, allowed, null, this.policyVersion);
    return this.finish(context, null, input);
  }

  /**
   * One stage, recorded (the HTTP guards run the chain stage by stage). `recordAllow: false`
   * records only denials: gateway prompts, whose request row is already the record of the pass.
   */
  runStage(stage: GovernanceStage, context: GovernanceContext, options: { recordAllow?: boolean } = {}): Promise<StageVerdict> {
    return traceStage(this.tracing, stage.name, context, async () => {
      const verdict = await this.decide(stage, context);
      if (verdict.denial || options.recordAllow !== false) this.recorder.record(context, stage.name, verdict.denial, this.policyVersion);
      return verdict;
    });
  }

  /** The stage's verdict (a stage that fails denies); a promise only when the stage itself is asynchronous. */
  private decide(stage: GovernanceStage, context: GovernanceContext): StageVerdict | Promise<StageVerdict> {
    let verdict: StageVerdict | Promise<StageVerdict>;
    try {
      verdict = stage.evaluate(context);
    } catch (err) {
      return this.stageFailed(stage, context, err);
    }
    if (!isPromise(verdict)) return verdict;
    return verdict.catch((err: unknown) => this.stageFailed(stage, context, err));
  }

  private stageFailed(stage: GovernanceStage, context: GovernanceContext, err: unknown): StageVerdict {
    this.logger.error({ err, trace_id: context.traceId }, `governance stage ${stage.name} failed`);
    return { denial: { stage: stage.name, code: 'STAGE_ERROR', reason: `stage ${stage.name} could not decide; denied by default`, status: 503 } };
  }

  /** The decision body of the contract, emitted as `governance.decision`. */
  finish(context: GovernanceContext, denial: GovernanceDenial | null, input: unknown): PipelineOutcome {
    const decision: GovernanceDecision = denial
      ? { decision: 'deny', stage: denial.stage, code: denial.code, reason: denial.reason, trace_id: context.traceId, policy_version: this.policyVersion, ...(denial.retryAfterSeconds ? { retry_after: denial.retryAfterSeconds } : {}) }
      : { decision: 'allow', trace_id: context.traceId, policy_version: this.policyVersion, ...(input !== context.input ? { tool_input: input } : {}) };
    this.events.emit('governance.decision', {
      trace_id: context.traceId,
      user_id: context.identity.userId,
      tenant_id: context.identity.tenantId,
      session_id: context.identity.sessionId,
      principal: context.identity.principal,
      tool: context.tool,
      server: context.server?.name ?? null,
      decision: decision.decision,
      stage: denial?.stage ?? null,
      code: denial?.code ?? null,
      reason: denial?.reason ?? null,
      policy_version: this.policyVersion,
      occurred_at: new Date().toISOString(),
    });
    return { decision, denial, input };
  }
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | null)?.then === 'function';
}
