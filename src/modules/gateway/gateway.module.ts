import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GovernanceModule } from '../governance/governance.module';
import { BudgetService } from './budgets/budget.service';
import { GatewayRateLimiter } from './budgets/gateway-rate-limiter';
import { GatewayService } from './gateway.service';
import { MessagesController } from './messages.controller';
import { ModelsService } from './models.service';
import { CostCalculator } from './pricing/cost-calculator';
import { AnthropicUpstream } from './providers/anthropic/anthropic.upstream';
import { GeminiUpstream } from './providers/gemini/gemini.upstream';
import { OpenAiUpstream } from './providers/openai/openai.upstream';
import { AiRequestEntity } from './recording/ai-request.entity';
import { RequestRecorder } from './recording/request-recorder';
import { ModelRouter } from './routing/model-router';
import { TokenCountService } from './token-count.service';
import { UpstreamCallRunner } from './upstream/upstream-call.runner';
import { UpstreamHttpClient } from './upstream/upstream-http.client';
import { markCoreUpstream, UpstreamRegistry } from './upstream/upstream-registry';

const BUILT_IN_UPSTREAMS = [AnthropicUpstream, OpenAiUpstream, GeminiUpstream];
BUILT_IN_UPSTREAMS.forEach(markCoreUpstream);

/** The LLM gateway: `/v1/messages`, `/v1/chat/completions`, routing, upstreams, recording, budgets. */
@Module({
  imports: [DiscoveryModule, GovernanceModule, TypeOrmModule.forFeature([AiRequestEntity])],
  controllers: [MessagesController],
  providers: [
    ModelRouter,
    UpstreamHttpClient,
    UpstreamRegistry,
    UpstreamCallRunner,
    GatewayRateLimiter,
    BudgetService,
    CostCalculator,
    RequestRecorder,
    GatewayService,
    TokenCountService,
    ModelsService,
    ...BUILT_IN_UPSTREAMS,
  ],
  exports: [GatewayService, RequestRecorder, ModelRouter, UpstreamHttpClient],
})
export class GatewayModule {}
