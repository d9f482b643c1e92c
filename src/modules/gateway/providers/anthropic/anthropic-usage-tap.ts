import { isJsonObject } from '../../conversion/tool-arguments';
import { SseParser, type SseRecord } from '../../streaming/sse-parser';
import type { AnthropicUsage } from '../../anthropic/anthropic.types';

const TAPPED_EVENTS: ReadonlySet<string> = new Set(['message_start', 'message_delta', 'error']);

/**
 * Watches an Anthropic SSE stream passing through untouched and keeps what the gateway records:
 * usage (message_start, then the cumulative totals of message_delta), stop_reason, and whether an
 * `error` event came. Unparseable events are skipped: the tap must never break the pass-through.
 */
export class AnthropicUsageTap {
  /** Content deltas, most of a stream, are dropped by the parser without their data being copied. */
  private readonly parser = new SseParser((type) => type === '' || TAPPED_EVENTS.has(type));
  private usageValue: AnthropicUsage = { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
  /** Kept as sent, so a stop reason newer than this code is still recorded. */
  private stop: string | null = null;
  private error: { type: string; message: string } | null = null;

  /** Feed every chunk as it is forwarded. */
  push(chunk: string | Buffer): void {
    for (const record of this.parser.push(chunk)) this.onRecord(record);
  }

  /** Call at the end of the stream, so a last event without its blank line is still counted. */
  flush(): void {
    for (const record of this.parser.flush()) this.onRecord(record);
  }

  get usage(): AnthropicUsage {
    return { ...this.usageValue };
  }

  get stopReason(): string | null {
    return this.stop;
  }

  get errorSeen(): boolean {
    return this.error !== null;
  }

  get errorDetail(): { type: string; message: string } | null {
    return this.error;
  }

  /** Only tapped types and untyped records reach here (the parser's filter). */
  private onRecord(record: SseRecord): void {
    let event: unknown;
    try {
      event = JSON.parse(record.data);
    } catch {
      return;
    }
    if (!isJsonObject(event)) return;
    if (event.type === 'message_start' && isJsonObject(event.message)) this.merge(event.message.usage);
    else if (event.type === 'message_delta') {
      this.merge(event.usage);
      const reason = isJsonObject(event.delta) ? event.delta.stop_reason : undefined;
      if (typeof reason === 'string') this.stop = reason;
    } else if (event.type === 'error') {
      const error = isJsonObject(event.error) ? event.error : {};
      this.error = { type: String(error.type ?? 'unknown'), message: String(error.message ?? '') };
    }
  }

  /** Counters are cumulative totals: a present number replaces the previous one, an absent one keeps it. */
  private merge(usage: unknown): void {
    const next = readUsage(usage);
    for (const key of USAGE_KEYS) {
      const value = next[key];
      if (value !== undefined) this.usageValue[key] = value;
    }
  }
}

const USAGE_KEYS = ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'] as const;

function readUsage(usage: unknown): Partial<Record<(typeof USAGE_KEYS)[number], number>> {
  if (!isJsonObject(usage)) return {};
  const out: Partial<Record<(typeof USAGE_KEYS)[number], number>> = {};
  for (const key of USAGE_KEYS) {
    const value = usage[key];
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  }
  return out;
}

/** Usage of a non-streamed Messages response body (parsed JSON); null when it has none. */
export function usageFromAnthropicMessage(json: unknown): AnthropicUsage | null {
  if (!isJsonObject(json) || !isJsonObject(json.usage)) return null;
  const read = readUsage(json.usage);
  return {
    input_tokens: read.input_tokens ?? 0,
    output_tokens: read.output_tokens ?? 0,
    cache_read_input_tokens: read.cache_read_input_tokens ?? 0,
    cache_creation_input_tokens: read.cache_creation_input_tokens ?? 0,
  };
}
