import type { AppConfig } from '../../bootstrap/config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { TracingService } from './tracing.service';

const mockExporters: unknown[] = [];
jest.mock('@opentelemetry/exporter-trace-otlp-http', () => {
  const actual = jest.requireActual('@opentelemetry/exporter-trace-otlp-http');
  return {
    OTLPTraceExporter: class extends actual.OTLPTraceExporter {
      constructor(config: unknown) {
        super(config);
        mockExporters.push(config);
      }
    },
  };
});

describe('TracingService without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  const tracing = new TracingService({ tracing: null } as unknown as AppConfig, new MetricsService());

  it('is off and creates no exporter', () => {
    expect(tracing.enabled).toBe(false);
    expect(mockExporters).toEqual([]);
  });

  it('hands out one shared non-recording span and runs work untouched', async () => {
    const a = tracing.startSpan('x', 'trace-1');
    expect(a.isRecording()).toBe(false);
    expect(tracing.startSpan('y', 'trace-2')).toBe(a);
    await expect(tracing.inSpan('z', 'trace-3', {}, async () => 42)).resolves.toBe(42);
    await expect(tracing.onModuleDestroy()).resolves.toBeUndefined();
  });
});

describe('TracingService with an endpoint', () => {
  it('creates one OTLP exporter for the configured traces URL', async () => {
    const tracing = new TracingService({ tracing: { url: 'http://127.0.0.1:9/v1/traces', serviceName: 's' } } as unknown as AppConfig, new MetricsService());
    expect(tracing.enabled).toBe(true);
    expect(mockExporters).toEqual([expect.objectContaining({ url: 'http://127.0.0.1:9/v1/traces' })]);
    await tracing.onModuleDestroy();
  });
});
