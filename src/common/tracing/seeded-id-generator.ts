import { type IdGenerator, RandomIdGenerator } from '@opentelemetry/sdk-trace-base';

/**
 * Random ids, except that the trace id of the next root span can be chosen just before it is
 * started: the SDK asks for a trace id only for a span without a parent, synchronously inside
 * `startSpan`, so `TracingService` seeds it there and clears it right after. This is how a
 * request's spans get the trace id derived from its `x-trace-id` without a fake parent span.
 */
export class SeededIdGenerator implements IdGenerator {
  private readonly random = new RandomIdGenerator();
  private seed: string | null = null;

  /** Sets (or with null clears) the trace id the next root span takes. */
  next(traceId: string | null): void {
    this.seed = traceId;
  }

  generateTraceId(): string {
    const id = this.seed ?? this.random.generateTraceId();
    this.seed = null;
    return id;
  }

  generateSpanId(): string {
    return this.random.generateSpanId();
  }
}
