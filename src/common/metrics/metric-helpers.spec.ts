import { Registry } from 'prom-client';
import { LabelLimiter } from './label-limiter';
import { counter, registerCounter, registerGauge } from './metric-helpers';

describe('metric helpers', () => {
  it('returns the metric already registered under a name instead of throwing', () => {
    const registry = new Registry();
    const a = counter(registry, { name: 'x_total', help: 'x' });
    const b = counter(registry, { name: 'x_total', help: 'x' });
    expect(b).toBe(a);
  });

  it('reads a gauge at scrape time, with or without labels; a second registration replaces the first', async () => {
    const registry = new Registry();
    let depth = 3;
    registerGauge(registry, { name: 'queue_depth', help: 'd', collect: () => depth });
    depth = 7;
    expect(await registry.getSingleMetricAsString('queue_depth')).toContain('queue_depth 7');
    registerGauge(registry, { name: 'queue_depth', help: 'd', labelNames: ['writer'] as const, collect: () => [{ labels: { writer: 'audit' }, value: 2 }] });
    const text = await registry.getSingleMetricAsString('queue_depth');
    expect(text).toContain('queue_depth{writer="audit"} 2');
    expect(text).not.toContain('queue_depth 7');
  });

  it('reads a counter at scrape time from a total kept elsewhere', async () => {
    const registry = new Registry();
    const dropped = { audit: 0, requests: 4 };
    registerCounter(registry, { name: 'rows_dropped_total', help: 'd', labelNames: ['queue'] as const, collect: () => Object.entries(dropped).map(([queue, value]) => ({ labels: { queue }, value })) });
    dropped.audit = 2;
    const text = await registry.getSingleMetricAsString('rows_dropped_total');
    expect(text).toContain('# TYPE rows_dropped_total counter');
    expect(text).toContain('rows_dropped_total{queue="audit"} 2');
    expect(text).toContain('rows_dropped_total{queue="requests"} 4');
  });
});

describe('LabelLimiter', () => {
  it('admits up to `max` distinct values, then reports new ones as other', () => {
    const limiter = new LabelLimiter(2);
    expect([limiter.value('a'), limiter.value('b'), limiter.value('c'), limiter.value('a'), limiter.value(null)]).toEqual(['a', 'b', 'other', 'a', 'other']);
    expect(new LabelLimiter(5).value('', 'none')).toBe('none');
  });
});
