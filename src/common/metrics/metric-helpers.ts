import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * Idempotent metric constructors bound to one registry: asking twice for a name returns the
 * metric already registered, so modules (and several app instances in one process, as in the
 * tests) never collide on "metric already registered".
 */
export interface MetricDefinition<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

export function counter<L extends string = string>(registry: Registry, definition: MetricDefinition<L>): Counter<L> {
  const existing = registry.getSingleMetric(definition.name);
  if (existing) return existing as Counter<L>;
  return new Counter<L>({ ...definition, labelNames: definition.labelNames ?? [], registers: [registry] });
}

export function gauge<L extends string = string>(registry: Registry, definition: MetricDefinition<L>): Gauge<L> {
  const existing = registry.getSingleMetric(definition.name);
  if (existing) return existing as Gauge<L>;
  return new Gauge<L>({ ...definition, labelNames: definition.labelNames ?? [], registers: [registry] });
}

export function histogram<L extends string = string>(registry: Registry, definition: MetricDefinition<L> & { buckets?: number[] }): Histogram<L> {
  const existing = registry.getSingleMetric(definition.name);
  if (existing) return existing as Histogram<L>;
  return new Histogram<L>({ ...definition, labelNames: definition.labelNames ?? [], registers: [registry] });
}

/** What a scrape-time metric reads: one value, or one value per label set. */
export type Collected<L extends string> = number | { labels: Partial<Record<L, string>>; value: number }[];

/**
 * A gauge read at scrape time: `collect` returns one value, or one value per label set
 * (e.g. queue depth per writer). This is how other modules expose their queues' depth.
 * Registering a name again replaces the earlier collector (the newest provider wins).
 */
export function registerGauge<L extends string = string>(
  registry: Registry,
  definition: MetricDefinition<L> & { collect: () => Collected<L> },
): Gauge<L> {
  const existing = registry.getSingleMetric(definition.name);
  if (existing) registry.removeSingleMetric(definition.name);
  const { collect, ...rest } = definition;
  return new Gauge<L>({
    ...rest,
    labelNames: rest.labelNames ?? [],
    registers: [registry],
    collect() {
      const value = collect();
      if (typeof value === 'number') {
        this.set(value);
        return;
      }
      this.reset();
      for (const entry of value) this.set(entry.labels, entry.value);
    },
  });
}

/**
 * A counter read at scrape time from a total something else keeps (e.g. rows a writer has
 * dropped since start); `collect` must return values that only grow. Replaces like
 * `registerGauge`.
 */
export function registerCounter<L extends string = string>(registry: Registry, definition: MetricDefinition<L> & { collect: () => Collected<L> }): Counter<L> {
  if (registry.getSingleMetric(definition.name)) registry.removeSingleMetric(definition.name);
  const { collect, ...rest } = definition;
  return new Counter<L>({
    ...rest,
    labelNames: rest.labelNames ?? [],
    registers: [registry],
    collect() {
      const value = collect();
      this.reset();
      if (typeof value === 'number') this.inc(value);
      else for (const entry of value) this.inc(entry.labels, entry.value);
    },
  });
}
