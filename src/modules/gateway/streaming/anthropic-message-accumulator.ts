import { parseToolArguments } from '../conversion/tool-arguments';
import type { AnthropicMessage, AnthropicStreamEvent } from '../anthropic/anthropic.types';

/**
 * Folds an Anthropic event stream into the message it describes, checking the protocol on the
 * way: it throws on an event out of order (a block started while another is open, a delta for a
 * block that is not open or of the wrong type, anything after message_stop). Converter tests use
 * it as the judge of a well-formed stream; recording can use it to store streamed responses.
 */
export class AnthropicMessageAccumulator {
  private snapshot: AnthropicMessage | null = null;
  private openIndex: number | null = null;
  private readonly jsonBuffers = new Map<number, string>();
  private stopped = false;
  private errorEvent: { type: string; message: string } | null = null;

  push(event: AnthropicStreamEvent): void {
    if (this.stopped) throw new Error(`${event.type} after message_stop`);
    if (event.type === 'ping') return;
    if (event.type === 'error') {
      this.errorEvent = event.error;
      return;
    }
    if (event.type === 'message_start') {
      if (this.snapshot) throw new Error('second message_start');
      this.snapshot = structuredClone(event.message);
      return;
    }
    const message = this.snapshot;
    if (!message) throw new Error(`${event.type} before message_start`);
    switch (event.type) {
      case 'content_block_start':
        if (this.openIndex !== null) throw new Error(`block ${event.index} started while block ${this.openIndex} is open`);
        if (event.index !== message.content.length) throw new Error(`block index ${event.index}, expected ${message.content.length}`);
        message.content.push(structuredClone(event.content_block));
        this.openIndex = event.index;
        return;
      case 'content_block_delta':
        return this.applyDelta(message, event.index, event.delta);
      case 'content_block_stop':
        if (this.openIndex !== event.index) throw new Error(`stop for block ${event.index}, open is ${this.openIndex}`);
        this.finishBlock(message, event.index);
        this.openIndex = null;
        return;
      case 'message_delta':
        if (this.openIndex !== null) throw new Error('message_delta while a block is open');
        message.stop_reason = event.delta.stop_reason;
        message.stop_sequence = event.delta.stop_sequence;
        message.usage.output_tokens = event.usage.output_tokens;
        if (event.usage.input_tokens != null) message.usage.input_tokens = event.usage.input_tokens;
        if (event.usage.cache_read_input_tokens != null) message.usage.cache_read_input_tokens = event.usage.cache_read_input_tokens;
        if (event.usage.cache_creation_input_tokens != null) message.usage.cache_creation_input_tokens = event.usage.cache_creation_input_tokens;
        return;
      case 'message_stop':
        this.stopped = true;
        return;
    }
  }

  pushAll(events: AnthropicStreamEvent[]): this {
    for (const event of events) this.push(event);
    return this;
  }

  get isComplete(): boolean {
    return this.stopped;
  }

  get error(): { type: string; message: string } | null {
    return this.errorEvent;
  }

  /** The message so far; complete once message_stop was seen. */
  get message(): AnthropicMessage {
    if (!this.snapshot) throw new Error('no message_start yet');
    return this.snapshot;
  }

  /** The tool input JSON of block `index` exactly as streamed, before parsing. */
  inputJsonOf(index: number): string | undefined {
    return this.jsonBuffers.get(index);
  }

  private applyDelta(message: AnthropicMessage, index: number, delta: Extract<AnthropicStreamEvent, { type: 'content_block_delta' }>['delta']): void {
    if (this.openIndex !== index) throw new Error(`delta for block ${index}, open is ${this.openIndex}`);
    const block = message.content[index];
    if (delta.type === 'text_delta' && block.type === 'text') block.text += delta.text;
    else if (delta.type === 'input_json_delta' && block.type === 'tool_use') {
      this.jsonBuffers.set(index, (this.jsonBuffers.get(index) ?? '') + delta.partial_json);
    } else if (delta.type === 'thinking_delta' && block.type === 'thinking') block.thinking += delta.thinking;
    else if (delta.type === 'signature_delta' && block.type === 'thinking') block.signature = delta.signature;
    else throw new Error(`${delta.type} for a ${block.type} block`);
  }

  private finishBlock(message: AnthropicMessage, index: number): void {
    const block = message.content[index];
    const json = this.jsonBuffers.get(index);
    if (block.type === 'tool_use' && json !== undefined) block.input = parseToolArguments(json);
  }
}
