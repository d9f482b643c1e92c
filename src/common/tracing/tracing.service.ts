import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type Attributes, type Context, INVALID_SPAN_CONTEXT, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { AppConfig } from '../../bootstrap/config/app-config';
import type { TracingConfig } from '../../bootstrap/config/tracing.loader';
import { APP_CONFIG } from '../../bootstrap/bootstrap.tokens';
import { MetricsService } from '../metrics/metrics.service';
import { PACKAGE_VERSION } from '../package-version';
import { CountedSpanExporter } from './counted-span.exporter';
import { otelTraceId } from './otel-trace-id';
import { SeededIdGenerator } from './seeded-id-generator';

/** Every span carries the request's own trace id (`x-trace-id`), whatever its OTel trace id. */
export const TRACE_ID_ATTRIBUTE = 'systemprompt.trace_id';

/** Bounds one export (retries included). */
const EXPORT_TIMEOUT_MS = 5000;
/** Bounds the last flush, so a dead or slow collector never holds a stop up for long. */
const SHUTDOWN_FLUSH_MS = 3000;
const NON_RECORDING = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

export interface SpanOptions {
  kind?: SpanKind;
  /** Default: the span made active by `withSpan`, if any. */
  parent?: Context;
}

/**
 * OpenTelemetry traces, manual spans only, exported over OTLP/HTTP (JSON) when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set. When it is not, `enabled` is false, no provider or
 * exporter exists, and callers check that one boolean and take their untraced path.
 *
 * Nothing is registered globally (no global tracer provider, no context manager): several app
 * instances in one process, or an embedding app with its own OTel set-up, stay separate. The
 * active span travels in this service's own AsyncLocalStorage, set by `withSpan`.
 */
@Injectable()
export class TracingService implements OnModuleDestroy {
  readonly enabled: boolean;
  private readonly provider: BasicTracerProvider | null = null;
  private readonly tracer: Tracer | null = null;
  private readonly ids = new SeededIdGenerator();
  private readonly active = new AsyncLocalStorage<Context>();
  private readonly logger = new Logger('Tracing');

  constructor(@Inject(APP_CONFIG) config: AppConfig, metrics: MetricsService) {
    this.enabled = config.tracing !== null;
    if (!config.tracing) return;
    this.provider = this.createProvider(config.tracing, metrics);
    this.tracer = this.provider.getTracer('systemprompt-gateway', PACKAGE_VERSION);
    this.logger.log(`exporting traces to ${config.tracing.url} as ${config.tracing.serviceName}`);
  }

  /**
   * A span under `options.parent`, else under the active span; with neither, a root span whose
   * trace id is derived from `traceId` (see `otelTraceId`), so that all of one request's spans
   * share a trace even when nothing links them. The caller ends it.
   */
  startSpan(name: string, traceId: string, attributes: Attributes = {}, options: SpanOptions = {}): Span {
    if (!this.tracer) return NON_RECORDING;
    const parent = options.parent ?? this.active.getStore() ?? ROOT_CONTEXT;
    if (!trace.getSpan(parent)) this.ids.next(otelTraceId(traceId));
    try {
      return this.tracer.startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: Object.assign({}, attributes, { [TRACE_ID_ATTRIBUTE]: traceId }) }, parent);
    } finally {
      this.ids.next(null);
    }
  }

  /** Runs `work` with `span` as the parent of the spans it starts, however deep and async. */
  withSpan<T>(span: Span, work: () => T): T {
    return this.active.run(trace.setSpan(this.active.getStore() ?? ROOT_CONTEXT, span), work);
  }

  /**
   * `work` inside a new active span, ended when `work` settles. A throw is described by
   * `onError` (default: `error.type` = the error's class; a code, never a message, which may
   * quote the caller's input) and rethrown.
   */
  async inSpan<T>(name: string, traceId: string, attributes: Attributes, work: (span: Span) => Promise<T>, options: SpanOptions & { onError?: (span: Span, err: unknown) => void } = {}): Promise<T> {
    const span = this.startSpan(name, traceId, attributes, options);
    try {
      return await this.withSpan(span, () => work(span));
    } catch (err) {
      (options.onError ?? markErrorClass)(span, err);
      throw err;
    } finally {
      span.end();
    }
  }

  /** Exports the spans ended so far now, instead of at the next batch (tests, CLI commands). */
  async flush(): Promise<void> {
    await this.provider?.forceFlush({ timeoutMillis: EXPORT_TIMEOUT_MS });
  }

  /** Flushes what is queued (for `SHUTDOWN_FLUSH_MS` at most) and stops exporting. */
  async onModuleDestroy(): Promise<void> {
    if (!this.provider) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SHUTDOWN_FLUSH_MS);
      timer.unref();
    });
    await Promise.race([this.provider.shutdown().catch((err: unknown) => this.logger.warn(`tracer shutdown failed: ${(err as Error).message}`)), deadline]);
    clearTimeout(timer);
  }

  private createProvider(settings: TracingConfig, metrics: MetricsService): BasicTracerProvider {
    const failures = metrics.counter({ name: 'sp_tracing_export_failed_spans_total', help: 'Spans in OTLP exports that failed (collector unreachable or refusing)' });
    const exporter = new CountedSpanExporter(new OTLPTraceExporter({ url: settings.url, timeoutMillis: EXPORT_TIMEOUT_MS }), (spans) => failures.inc(spans));
    return new BasicTracerProvider({
      resource: defaultResource().merge(resourceFromAttributes({ 'service.name': settings.serviceName, 'service.version': PACKAGE_VERSION })),
      idGenerator: this.ids,
      spanProcessors: [new BatchSpanProcessor(exporter, { exportTimeoutMillis: EXPORT_TIMEOUT_MS })],
    });
  }
}

/** Marks a span failed with a machine-readable `error.type`. */
export function markError(span: Span, type: string): void {
  span.setAttribute('error.type', type);
  span.setStatus({ code: SpanStatusCode.ERROR });
}

function markErrorClass(span: Span, err: unknown): void {
  markError(span, err instanceof Error ? err.constructor.name : 'unknown');
}
