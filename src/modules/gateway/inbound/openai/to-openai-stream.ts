import type { AnthropicStreamEvent, AnthropicStopReason, AnthropicUsage } from '../../anthropic/anthropic.types';
import { finishReasonFromAnthropic } from '../../providers/openai/openai-stop-reason';
import { usageToOpenAi } from '../../providers/openai/openai-usage';
import type { OpenAiChatChunk, OpenAiChunkChoice, OpenAiChunkDelta } from '../../providers/openai/openai.types';

export interface AnthropicToOpenAiStreamOptions {
  /** Unix seconds, from the caller's clock. */
  created: number;
  /** The client's `stream_options.include_usage`: adds `usage: null` to each chunk and a final usage chunk. */
  includeUsage: boolean;
  model?: string;
  id?: string;
}

/**
 * Anthropic stream events → OpenAI chat.completion.chunk objects, in OpenAI's order: a role
 * chunk, content and tool-call chunks (the first for a call carries index, id and name, the rest
 * argument fragments), a finish_reason chunk, then a usage-only chunk when asked. Tool call
 * indexes count tool calls only, not Anthropic blocks. Thinking, ping and error events yield no
 * chunk: the caller reports an error event in its own way.
 */
export class AnthropicToOpenAiStream {
  private id: string;
  private model: string;
  private started = false;
  private finished = false;
  private readonly toolIndexByBlock = new Map<number, number>();
  private stopReason: AnthropicStopReason | null = null;
  private usageValue: AnthropicUsage = { input_tokens: 0, output_tokens: 0 };

  constructor(private readonly options: AnthropicToOpenAiStreamOptions) {
    this.id = options.id ?? 'chatcmpl-anthropic';
    this.model = options.model ?? '';
  }

  get usage(): AnthropicUsage {
    return { ...this.usageValue };
  }

  push(event: AnthropicStreamEvent): OpenAiChatChunk[] {
    if (this.finished) return [];
    const out: OpenAiChatChunk[] = [];
    if (event.type === 'message_start') {
      this.id = this.options.id ?? event.message.id;
      this.model = this.options.model ?? event.message.model;
      this.usageValue = { ...event.message.usage };
    }
    if (event.type !== 'ping' && event.type !== 'error') this.ensureStarted(out);
    switch (event.type) {
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text' && block.text !== '') out.push(this.chunk({ content: block.text }));
        if (block.type === 'tool_use') {
          const index = this.toolIndexByBlock.size;
          this.toolIndexByBlock.set(event.index, index);
          const args = Object.keys(block.input).length > 0 ? JSON.stringify(block.input) : '';
          out.push(this.chunk({ tool_calls: [{ index, id: block.id, type: 'function', function: { name: block.name, arguments: args } }] }));
        }
        break;
      }
      case 'content_block_delta': {
        const delta = event.delta;
        const index = this.toolIndexByBlock.get(event.index);
        if (delta.type === 'text_delta' && delta.text !== '') out.push(this.chunk({ content: delta.text }));
        if (delta.type === 'input_json_delta' && index !== undefined && delta.partial_json !== '') {
          out.push(this.chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] }));
        }
        break;
      }
      case 'message_delta':
        this.stopReason = event.delta.stop_reason;
        this.usageValue.output_tokens = event.usage.output_tokens;
        if (event.usage.input_tokens != null) this.usageValue.input_tokens = event.usage.input_tokens;
        if (event.usage.cache_read_input_tokens != null) this.usageValue.cache_read_input_tokens = event.usage.cache_read_input_tokens;
        if (event.usage.cache_creation_input_tokens != null) this.usageValue.cache_creation_input_tokens = event.usage.cache_creation_input_tokens;
        break;
      case 'message_stop':
        out.push(...this.finish());
        break;
      default:
        break;
    }
    return out;
  }

  /** The finish_reason chunk and, when asked, the usage chunk; at most once. */
  finish(): OpenAiChatChunk[] {
    if (this.finished) return [];
    const out: OpenAiChatChunk[] = [];
    this.ensureStarted(out);
    this.finished = true;
    out.push(this.chunk({}, finishReasonFromAnthropic(this.stopReason)));
    if (this.options.includeUsage) out.push({ ...this.envelope([]), usage: usageToOpenAi(this.usageValue) });
    return out;
  }

  private ensureStarted(out: OpenAiChatChunk[]): void {
    if (this.started) return;
    this.started = true;
    out.push(this.chunk({ role: 'assistant', content: '' }));
  }

  private chunk(delta: OpenAiChunkDelta, finishReason: OpenAiChunkChoice['finish_reason'] = null): OpenAiChatChunk {
    return this.envelope([{ index: 0, delta, finish_reason: finishReason, logprobs: null }]);
  }

  private envelope(choices: OpenAiChunkChoice[]): OpenAiChatChunk {
    const chunk: OpenAiChatChunk = { id: this.id, object: 'chat.completion.chunk', created: this.options.created, model: this.model, choices };
    if (this.options.includeUsage) chunk.usage = null;
    return chunk;
  }
}
