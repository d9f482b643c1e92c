import { anthropicErrorType } from '../../../common/errors/anthropic-error-type';

/**
 * An upstream failure before the first byte reached the caller. `retryable` failures (connect
 * errors, 429, 5xx, timeouts) are retried with backoff and then handed to the route's fallbacks.
 */
export class UpstreamError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryable: boolean,
    /** The upstream's own error body, passed through when it already has the Anthropic shape. */
    readonly body?: Buffer,
    readonly type = anthropicErrorType(status),
  ) {
    super(message);
  }

  static fromStatus(status: number, body: Buffer, provider: string): UpstreamError {
    const retryable = status === 429 || status >= 500;
    const mapped = status === 503 || status === 529 ? 529 : status >= 500 ? 502 : status;
    const type = status === 503 || status === 529 ? 'overloaded_error' : anthropicErrorType(mapped);
    return new UpstreamError(mapped, `${provider} upstream answered ${status}`, retryable, body, type);
  }
}
