import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { AiRequestCompleted, AiRequestFailed, GovernanceDecisionEvent } from '../../../common/events/domain-events';
import { LabelLimiter } from '../../../common/metrics/label-limiter';
import { MetricsService } from '../../../common/metrics/metrics.service';

/** Prometheus counters fed by domain events: gateway traffic, tokens, cost, governance verdicts. */
@Injectable()
export class DomainMetricsListener {
  private readonly models = new LabelLimiter(200);
  private readonly providers = new LabelLimiter(50);
  private readonly stages = new LabelLimiter(50);
  private readonly requests;
  private readonly tokens;
  private readonly cost;
  private readonly decisions;

  constructor(metrics: MetricsService) {
    this.requests = metrics.counter({ name: 'sp_gateway_requests_total', help: 'Gateway requests by model, provider and outcome', labelNames: ['model', 'provider', 'outcome'] as const });
    this.tokens = metrics.counter({ name: 'sp_gateway_tokens_total', help: 'Gateway tokens by model, provider and kind (input, output, cache_read, cache_write)', labelNames: ['model', 'provider', 'kind'] as const });
    this.cost = metrics.counter({ name: 'sp_gateway_cost_microdollars_total', help: 'Gateway cost in microdollars (1e-6 USD) by model and provider', labelNames: ['model', 'provider'] as const });
    this.decisions = metrics.counter({ name: 'sp_governance_decisions_total', help: 'Governance verdicts by stage and outcome (allow, deny)', labelNames: ['stage', 'outcome'] as const });
  }

  @OnEvent('ai.request.completed')
  completed(event: AiRequestCompleted): void {
    const labels = { model: this.models.value(event.model), provider: this.providers.value(event.provider) };
    this.requests.inc({ model: labels.model, provider: labels.provider, outcome: 'success' });
    const kinds = { input: event.input_tokens, output: event.output_tokens, cache_read: event.cache_read_tokens, cache_write: event.cache_write_tokens };
    for (const [kind, count] of Object.entries(kinds)) if (count > 0) this.tokens.inc({ model: labels.model, provider: labels.provider, kind }, count);
    if (event.cost_microdollars > 0) this.cost.inc(labels, event.cost_microdollars);
  }

  @OnEvent('ai.request.failed')
  failed(event: AiRequestFailed): void {
    this.requests.inc({ model: this.models.value(event.model), provider: this.providers.value(event.provider), outcome: 'failure' });
  }

  @OnEvent('governance.decision')
  decision(event: GovernanceDecisionEvent): void {
    this.decisions.inc({ stage: this.stages.value(event.stage, 'none'), outcome: event.decision });
  }
}
