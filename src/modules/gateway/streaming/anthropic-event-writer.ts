import type {
  AnthropicBlockDelta,
  AnthropicResponseBlock,
  AnthropicStopReason,
  AnthropicStreamEvent,
  AnthropicUsage,
} from '../anthropic/anthropic.types';

type BlockKind = AnthropicResponseBlock['type'];

/**
 * Emits a well-formed Anthropic event sequence for converters of other providers' streams:
 * one message_start, blocks opened one at a time with consecutive indexes, each closed before
 * the next opens, then message_delta and message_stop exactly once.
 */
export class AnthropicEventWriter {
  private events: AnthropicStreamEvent[] = [];
  private started = false;
  private ended = false;
  private open: { index: number; kind: BlockKind } | null = null;
  private nextIndex = 0;

  get hasStarted(): boolean {
    return this.started;
  }

  get hasEnded(): boolean {
    return this.ended;
  }

  get openKind(): BlockKind | null {
    return this.open?.kind ?? null;
  }

  start(message: { id: string; model: string; usage: AnthropicUsage }): void {
    if (this.started) return;
    this.started = true;
    this.events.push({
      type: 'message_start',
      message: { ...message, type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null },
    });
  }

  text(text: string): void {
    if (text === '') return;
    if (this.open?.kind !== 'text') this.openBlock({ type: 'text', text: '' });
    this.delta({ type: 'text_delta', text });
  }

  thinking(thinking: string): void {
    if (thinking === '') return;
    if (this.open?.kind !== 'thinking') this.openBlock({ type: 'thinking', thinking: '', signature: '' });
    this.delta({ type: 'thinking_delta', thinking });
  }

  /** Signs the open thinking block, or a new empty one, then closes it: a signature ends its block. */
  signature(signature: string): void {
    if (this.open?.kind !== 'thinking') this.openBlock({ type: 'thinking', thinking: '', signature: '' });
    this.delta({ type: 'signature_delta', signature });
    this.closeBlock();
  }

  toolUse(id: string, name: string): void {
    this.openBlock({ type: 'tool_use', id, name, input: {} });
  }

  /** Input JSON for the open tool_use block, forwarded exactly as given. */
  inputJson(partialJson: string): void {
    if (this.open?.kind !== 'tool_use') throw new Error('input_json_delta without an open tool_use block');
    if (partialJson !== '') this.delta({ type: 'input_json_delta', partial_json: partialJson });
  }

  closeBlock(): void {
    if (!this.open) return;
    this.events.push({ type: 'content_block_stop', index: this.open.index });
    this.open = null;
  }

  /** Closes the open block and ends the message; later calls do nothing. */
  end(stopReason: AnthropicStopReason, usage: AnthropicUsage): void {
    if (this.ended) return;
    this.closeBlock();
    this.ended = true;
    this.events.push({
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: {
        output_tokens: usage.output_tokens,
        input_tokens: usage.input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens ?? 0,
        cache_creation_input_tokens: usage.cache_creation_input_tokens ?? 0,
      },
    });
    this.events.push({ type: 'message_stop' });
  }

  /** The events written since the last call. */
  take(): AnthropicStreamEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  private openBlock(block: AnthropicResponseBlock): void {
    this.closeBlock();
    this.open = { index: this.nextIndex++, kind: block.type };
    this.events.push({ type: 'content_block_start', index: this.open.index, content_block: block });
  }

  private delta(delta: AnthropicBlockDelta): void {
    if (!this.open) throw new Error('delta without an open block');
    this.events.push({ type: 'content_block_delta', index: this.open.index, delta });
  }
}
