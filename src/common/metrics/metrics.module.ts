import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BatchWriterMetrics } from './batch-writer-metrics.provider';
import { HttpMetricsProvider } from './http-metrics.provider';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * The Prometheus registry, `GET /metrics`, the HTTP duration histogram and the batch writers'
 * queues. Global: any module injects `MetricsService` to add counters or scrape-time gauges.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [MetricsController],
  providers: [MetricsService, HttpMetricsProvider, BatchWriterMetrics],
  exports: [MetricsService],
})
export class MetricsModule {}
