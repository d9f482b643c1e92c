import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, type Counter, type Gauge, type Histogram, Registry } from 'prom-client';
import { counter, gauge, histogram, type MetricDefinition, registerCounter, registerGauge } from './metric-helpers';

/**
 * This application's Prometheus registry (one per app instance, never prom-client's global
 * one) and the helpers every module uses to add its metrics. Process metrics are included.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string = string>(definition: MetricDefinition<L>): Counter<L> {
    return counter(this.registry, definition);
  }

  gauge<L extends string = string>(definition: MetricDefinition<L>): Gauge<L> {
    return gauge(this.registry, definition);
  }

  histogram<L extends string = string>(definition: MetricDefinition<L> & { buckets?: number[] }): Histogram<L> {
    return histogram(this.registry, definition);
  }

  /** A gauge whose value is read at scrape time, e.g. `() => recorder.stats.queued`. */
  registerGauge<L extends string = string>(definition: Parameters<typeof registerGauge<L>>[1]): Gauge<L> {
    return registerGauge(this.registry, definition);
  }

  /** A counter whose total is read at scrape time, e.g. `() => writer.stats.dropped`. */
  registerCounter<L extends string = string>(definition: Parameters<typeof registerCounter<L>>[1]): Counter<L> {
    return registerCounter(this.registry, definition);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
