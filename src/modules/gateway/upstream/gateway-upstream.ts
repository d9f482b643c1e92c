import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { SetMetadata } from '@nestjs/common';
import type { AnthropicMessagesRequest, AnthropicUsage } from '../anthropic/anthropic.types';
import type { ResolvedRoute } from '../routing/resolved-route';
import type { ClientCancellation } from './client-cancellation';

/** One call to an upstream, in the gateway's canonical (Anthropic) format. */
export interface UpstreamCall {
  route: ResolvedRoute;
  /** The parsed request (model already renamed when the route says so). */
  request: AnthropicMessagesRequest;
  /** The caller's exact bytes: Anthropic-compatible upstreams forward them unchanged. */
  rawBody: Buffer | null;
  stream: boolean;
  /** The caller's headers (credentials excluded by the caller of `proxy`). */
  headers: IncomingHttpHeaders;
  /** Fires when the client goes away; pass it to undici as the request's `signal`. */
  cancellation: ClientCancellation;
  /** The same as an AbortSignal (for `fetch`), made on first read. */
  readonly signal: AbortSignal;
  traceId: string;
}

/** An UpstreamCall whose `signal` is made from its cancellation only if something reads it. */
export function upstreamCall(fields: Omit<UpstreamCall, 'signal'>): UpstreamCall {
  return new CancellableCall(fields.route, fields.request, fields.rawBody, fields.stream, fields.headers, fields.cancellation, fields.traceId);
}

/** A class, not a literal with a getter: V8 keeps such literals as slow dictionary objects. */
class CancellableCall implements UpstreamCall {
  constructor(
    readonly route: ResolvedRoute,
    readonly request: AnthropicMessagesRequest,
    readonly rawBody: Buffer | null,
    readonly stream: boolean,
    readonly headers: IncomingHttpHeaders,
    readonly cancellation: ClientCancellation,
    readonly traceId: string,
  ) {}

  get signal(): AbortSignal {
    return this.cancellation.signal;
  }
}

export interface UpstreamOutcome {
  usage: AnthropicUsage;
  stopReason: string | null;
  /** Set when the stream ended with an error (after the first byte). */
  error: { type: string; message: string } | null;
}

/**
 * An upstream body relayed byte for byte, for delivery to pipe with stream events rather than
 * iterate `body`: the two async-iterator hops per chunk were ~10 % of a streamed request's CPU.
 * The hooks keep what the upstream records (usage, first byte) exactly as iterating would.
 */
export interface RawStreamSource {
  readable: Readable;
  /** Each chunk, before it is written to the client. */
  chunk(chunk: Buffer): void;
  /** The upstream ended or failed: read what is left of the last event. */
  end(): void;
  /** A failure after the first byte, mapped (and recorded in the outcome). */
  failure(err: unknown): { status: number; type: string; message: string };
}

export type UpstreamResult =
  | { kind: 'json'; status: number; headers: Record<string, string>; body: Buffer; outcome: UpstreamOutcome }
  /**
   * An Anthropic SSE stream; `outcome()` settles once `body` (or `raw`, when given) has been fully
   * consumed. Consume one of the two, never both.
   */
  | { kind: 'stream'; status: number; headers: Record<string, string>; body: AsyncIterable<Buffer | string>; raw?: RawStreamSource; outcome(): UpstreamOutcome; firstByteAt(): number | null };

/** A provider family: turns a canonical call into the provider's wire format and back. */
export interface GatewayUpstream {
  proxy(call: UpstreamCall): Promise<UpstreamResult>;
  /** Token count for `/v1/messages/count_tokens`; absent means "estimate locally". */
  countTokens?(call: UpstreamCall): Promise<{ status: number; body: Buffer }>;
}

export const GATEWAY_UPSTREAM_TAG = 'sp:gateway-upstream';

/**
 * Registers a provider class under a tag (`provider:` in routes). Any module may contribute
 * one; a tag equal to a built-in shadows it (with a warning at start).
 */
export const GatewayUpstreamProvider = (...tags: string[]): ClassDecorator => SetMetadata(GATEWAY_UPSTREAM_TAG, tags);
