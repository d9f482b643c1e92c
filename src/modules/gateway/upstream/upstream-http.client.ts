import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Agent, errors, type Dispatcher } from 'undici';
import type { ClientCancellation } from './client-cancellation';
import { UpstreamError } from './upstream.error';

const MAX_CACHED_TARGETS = 1000;

export interface UpstreamHttpRequest {
  url: string;
  method?: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: Buffer | string;
  timeoutMs: number;
  signal: ClientCancellation | AbortSignal;
}

/**
 * Outbound HTTP to providers through one pooled undici Agent (keep-alive connections per
 * origin). Connection failures and timeouts become retryable UpstreamErrors.
 */
@Injectable()
export class UpstreamHttpClient implements OnApplicationShutdown {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 256, pipelining: 1 });
  /** Origin and path of the URLs called so far: undici's `request(url)` parses its URL on every call. */
  private readonly targets = new Map<string, { origin: string; path: string }>();

  async send(req: UpstreamHttpRequest, provider: string): Promise<Dispatcher.ResponseData> {
    try {
      const { origin, path } = this.target(req.url);
      return await this.agent.request({
        origin,
        path,
        method: req.method ?? 'POST',
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
    } catch (err) {
      throw toUpstreamError(err, provider, req.signal);
    }
  }

  private target(url: string): { origin: string; path: string } {
    let target = this.targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      // Route endpoints are few, but a wildcard route puts the caller's model name in some URLs.
      if (this.targets.size >= MAX_CACHED_TARGETS) this.targets.clear();
      this.targets.set(url, target);
    }
    return target;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }
}

export function toUpstreamError(err: unknown, provider: string, signal?: { readonly aborted: boolean }): UpstreamError {
  if (err instanceof UpstreamError) return err;
  if (signal?.aborted) return new UpstreamError(499, 'client closed the request', false);
  if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError) {
    return new UpstreamError(504, `${provider} upstream timed out`, true, undefined, 'api_error');
  }
  return new UpstreamError(502, `${provider} upstream unreachable (${(err as { code?: string }).code ?? (err as Error).message})`, true, undefined, 'api_error');
}

/** Response headers worth passing back to the caller (request ids, rate-limit hints). */
export function forwardableHeaders(headers: Record<string, string | string[] | undefined>, prefixes: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name === 'request-id' || prefixes.some((p) => name.startsWith(p))) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
