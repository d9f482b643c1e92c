import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { PROMPT_INSPECTOR } from '../gateway/prompt-inspector';
import { AuditController } from './audit/audit.controller';
import { AuditQueryService } from './audit/audit-query.service';
import { AuditTrail } from './audit/audit-trail.service';
import { DecisionRecorder } from './decisions/decision-recorder';
import { GovernanceController } from './governance.controller';
import { GovernancePipeline } from './governance-pipeline.service';
import { GovernanceService } from './governance.service';
import { BlocklistGuard, RateLimitGuard, ScopeGuard, SecretScanGuard } from './http/stage.guards';
import { McpServerCatalog } from './policy/mcp-server-catalog';
import { GovernancePromptInspector } from './prompt-inspector.service';
import { BlocklistStage } from './stages/blocklist.stage';
import { RateLimitStage } from './stages/rate-limit.stage';
import { ScopeStage } from './stages/scope.stage';
import { SecretScanStage } from './stages/secret-scan.stage';

const STAGE_GUARDS = [ScopeGuard, SecretScanGuard, BlocklistGuard, RateLimitGuard];

/** Scope → secret scan → blocklist → rate limit, shared by HTTP, MCP, hooks, agents and prompts. */
@Module({
  imports: [DiscoveryModule],
  controllers: [GovernanceController, AuditController],
  providers: [
    McpServerCatalog,
    ScopeStage,
    SecretScanStage,
    BlocklistStage,
    RateLimitStage,
    DecisionRecorder,
    AuditTrail,
    AuditQueryService,
    GovernancePipeline,
    GovernanceService,
    GovernancePromptInspector,
    { provide: PROMPT_INSPECTOR, useExisting: GovernancePromptInspector },
    ...STAGE_GUARDS,
  ],
  exports: [McpServerCatalog, GovernancePipeline, GovernanceService, AuditTrail, ScopeStage, SecretScanStage, PROMPT_INSPECTOR, ...STAGE_GUARDS],
})
export class GovernanceModule {}
