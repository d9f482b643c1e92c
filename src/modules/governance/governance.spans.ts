import type { Attributes } from '@opentelemetry/api';
import { markError, type TracingService } from '../../common/tracing/tracing.service';
import type { PipelineOutcome } from './governance-pipeline.service';
import type { GovernanceContext, GovernanceDenial, StageName } from './governance.types';

/**
 * Spans of the governance chain: `governance.evaluate` around a whole evaluation (evaluate
 * endpoint, hook, MCP proxy, agents) and `governance.<stage>` per stage verdict (the HTTP guards
 * and gateway prompts run stages one by one). A denial is a verdict, not a span error; a stage
 * that could not decide is. Tool and user are named; arguments and prompts never are.
 * Untraced: the wrapped call and nothing else.
 */
export function traceEvaluation(tracing: TracingService, context: GovernanceContext, evaluate: () => Promise<PipelineOutcome>): Promise<PipelineOutcome> {
  if (!tracing.enabled) return evaluate();
  return tracing.inSpan('governance.evaluate', context.traceId, subject(context), async (span) => {
    const outcome = await evaluate();
    span.setAttributes(verdict(outcome.denial));
    return outcome;
  });
}

export function traceStage<V extends { denial: GovernanceDenial | null }>(tracing: TracingService, stage: StageName, context: GovernanceContext, judge: () => Promise<V>): Promise<V> {
  if (!tracing.enabled) return judge();
  return tracing.inSpan(`governance.${stage}`, context.traceId, Object.assign(subject(context), { 'governance.stage': stage }), async (span) => {
    const result = await judge();
    span.setAttributes(verdict(result.denial));
    if (result.denial?.code === 'STAGE_ERROR') markError(span, 'stage_error');
    return result;
  });
}

function subject(context: GovernanceContext): Attributes {
  return {
    'governance.tool': context.tool.slice(0, 300),
    'governance.server': context.server?.name,
    'enduser.id': context.identity.userId ?? undefined,
    'systemprompt.principal': context.identity.principal,
  };
}

function verdict(denial: GovernanceDenial | null): Attributes {
  return denial ? { 'governance.decision': 'deny', 'governance.denied_by': denial.stage, 'governance.code': denial.code } : { 'governance.decision': 'allow' };
}
