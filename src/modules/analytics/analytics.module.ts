import { Module } from '@nestjs/common';
import { ANALYTICS_COMMANDS } from './analytics.commands';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';
import { DashboardController } from './dashboard/dashboard.controller';
import { GovernanceAnalyticsRepository } from './governance-analytics.repository';
import { RequestAnalyticsRepository } from './request-analytics.repository';
import { RetentionRepository } from './retention/retention.repository';
import { RetentionService } from './retention/retention.service';

/**
 * Reports over the recorded rows (`ai_requests`, `governance_decisions`), the dashboard, the
 * `analytics` CLI and the retention job. Reads tables by name through its own repositories;
 * it imports no other module.
 */
@Module({
  controllers: [AnalyticsController, DashboardController],
  providers: [AnalyticsService, RequestAnalyticsRepository, GovernanceAnalyticsRepository, RetentionRepository, RetentionService, ...ANALYTICS_COMMANDS],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
