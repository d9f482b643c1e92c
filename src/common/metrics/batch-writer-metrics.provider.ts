import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { BatchWriter, type BatchWriterStats } from '../database/batch-writer';
import { MetricsService } from './metrics.service';

/**
 * Queue depth and write outcomes of every `BatchWriter` in the app (ai_requests,
 * governance_decisions, audit_events, and any an extension adds), labelled `queue` with the
 * writer's table, read at scrape time. The writers are found once at start among the
 * providers' own fields, so a recorder needs no metrics code of its own.
 */
@Injectable()
export class BatchWriterMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: MetricsService,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    const writers = this.findWriters();
    const per = (read: (stats: BatchWriterStats) => number) => () => writers.map((w) => ({ labels: { queue: w.name }, value: read(w.stats) }));
    const queue = ['queue'] as const;
    this.metrics.registerGauge({ name: 'sp_recording_queue_depth', help: 'Rows waiting to be written, per batch-written table', labelNames: queue, collect: per((s) => s.queued) });
    this.metrics.registerCounter({ name: 'sp_recording_rows_written_total', help: 'Rows written, per batch-written table', labelNames: queue, collect: per((s) => s.written) });
    this.metrics.registerCounter({ name: 'sp_recording_write_failures_total', help: 'Failed batch writes (retried with backoff, or split to isolate a refused row)', labelNames: queue, collect: per((s) => s.failedWrites) });
    this.metrics.registerCounter({ name: 'sp_recording_rows_dropped_total', help: 'Rows dropped: queue full, or refused by the database', labelNames: queue, collect: per((s) => s.dropped) });
  }

  private findWriters(): BatchWriter<unknown>[] {
    const found = new Set<BatchWriter<unknown>>();
    for (const wrapper of this.discovery.getProviders()) {
      const { instance, metatype } = wrapper;
      // Class providers' own instances only: a factory's value may be a proxy or a client
      // whose fields are not ours to walk.
      if (wrapper.inject || typeof metatype !== 'function' || !metatype.prototype || !(instance instanceof metatype)) continue;
      for (const value of Object.values(instance as object)) if (value instanceof BatchWriter) found.add(value as BatchWriter<unknown>);
    }
    return [...found];
  }
}
