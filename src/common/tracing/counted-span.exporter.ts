import { Logger } from '@nestjs/common';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0];

/**
 * The OTLP exporter, with failed exports counted and logged (first and every 100th): the SDK
 * reports them only to OTel's diagnostic logger, which is silent unless configured, so an
 * unreachable collector would otherwise lose spans without a word.
 */
export class CountedSpanExporter implements SpanExporter {
  private readonly logger = new Logger('Tracing');
  private failures = 0;

  constructor(
    private readonly inner: SpanExporter,
    private readonly onFailure: (spans: number) => void,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.error || result.code !== 0) {
        this.failures++;
        this.onFailure(spans.length);
        if (this.failures === 1 || this.failures % 100 === 0) this.logger.warn(`span export failed (${this.failures} so far): ${result.error?.message ?? 'unknown error'}`);
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
