import { Global, Module } from '@nestjs/common';
import { HttpMetricsProvider } from './http-metrics.provider';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * The Prometheus registry, `GET /metrics` and the HTTP duration histogram. Global: any module
 * injects `MetricsService` to add counters or scrape-time gauges (queue depths).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, HttpMetricsProvider],
  exports: [MetricsService],
})
export class MetricsModule {}
