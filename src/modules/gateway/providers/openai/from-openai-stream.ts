import { AnthropicEventWriter } from '../../streaming/anthropic-event-writer';
import type { AnthropicStreamEvent, AnthropicUsage } from '../../anthropic/anthropic.types';
import type { OpenAiChatChunk, OpenAiToolCallDelta } from './openai.types';
import { stopReasonFromOpenAi } from './openai-stop-reason';
import { usageFromOpenAi } from './openai-usage';

interface ToolSlot {
  kind: 'tool';
  index: number;
  id?: string;
  name?: string;
  /** Every argument fragment received so far, to judge when the call is complete. */
  args: string;
  /** Fragments not yet emitted because the block is not open yet. */
  buffered: string;
}

interface TextSlot {
  kind: 'text';
  buffered: string;
}

/**
 * OpenAI chat.completion.chunk stream → Anthropic stream events. Anthropic blocks are strictly
 * sequential while OpenAI may interleave argument fragments of parallel tool calls by index, so:
 * the open block streams live; content for anything else waits in a queue, in order of first
 * appearance; the open tool block is only left once its arguments form a complete JSON object
 * (so no fragment can arrive for a closed block); a tool block opens once its id and name are
 * known. In the usual sequential stream this streams everything live. Usage comes from the final
 * usage-only chunk, so message_start carries zero input tokens and message_delta the real counts.
 */
export class OpenAiToAnthropicStream {
  private readonly writer = new AnthropicEventWriter();
  private readonly tools = new Map<number, ToolSlot>();
  private readonly queue: Array<ToolSlot | TextSlot> = [];
  private live: ToolSlot | TextSlot | null = null;
  private finishReason: string | null = null;
  private refused = false;
  private usageValue: AnthropicUsage = usageFromOpenAi(null);

  constructor(private readonly options: { model: string; messageId?: string }) {}

  get usage(): AnthropicUsage {
    return { ...this.usageValue };
  }

  push(chunk: OpenAiChatChunk): AnthropicStreamEvent[] {
    if (this.writer.hasEnded) return [];
    this.start(chunk.id);
    if (chunk.usage) this.usageValue = usageFromOpenAi(chunk.usage);
    const choice = chunk.choices.find((c) => c.index === 0);
    if (choice) {
      const delta = choice.delta ?? {};
      if (typeof delta.content === 'string') this.onText(delta.content);
      if (typeof delta.refusal === 'string' && delta.refusal !== '') {
        this.refused = true;
        this.onText(delta.refusal);
      }
      for (const call of delta.tool_calls ?? []) this.onToolDelta(call);
      if (choice.finish_reason) this.finishReason = choice.finish_reason;
    }
    this.advance(false);
    return this.writer.take();
  }

  /** Closes open blocks and ends the message; call at `[DONE]` or end of body. Idempotent. */
  finish(): AnthropicStreamEvent[] {
    if (this.writer.hasEnded) return [];
    this.start(undefined);
    this.advance(true);
    const stopReason = this.refused ? 'refusal' : stopReasonFromOpenAi(this.finishReason, this.tools.size > 0);
    this.writer.end(stopReason, this.usageValue);
    return this.writer.take();
  }

  private start(chunkId: string | undefined): void {
    const id = this.options.messageId ?? chunkId ?? 'msg_openai';
    this.writer.start({ id, model: this.options.model, usage: { input_tokens: 0, output_tokens: 0 } });
  }

  private onText(text: string): void {
    if (text === '') return;
    if (this.queue.length === 0 && this.canLeaveLive()) {
      this.live = { kind: 'text', buffered: '' };
      this.writer.text(text);
      return;
    }
    const last = this.queue.at(-1);
    if (last?.kind === 'text') last.buffered += text;
    else this.queue.push({ kind: 'text', buffered: text });
  }

  private onToolDelta(call: OpenAiToolCallDelta): void {
    let slot = this.tools.get(call.index);
    if (!slot) {
      slot = { kind: 'tool', index: call.index, args: '', buffered: '' };
      this.tools.set(call.index, slot);
      this.queue.push(slot);
    }
    if (call.id && slot.id === undefined) slot.id = call.id;
    if (call.function?.name && slot.name === undefined) slot.name = call.function.name;
    const fragment = call.function?.arguments ?? '';
    slot.args += fragment;
    // A fragment for an already closed call can only be whitespace after its complete object: dropped.
    if (this.live === slot) this.writer.inputJson(fragment);
    else slot.buffered += fragment;
  }

  /** Opens queued slots in order while the live block may be left; `force` ignores both waits. */
  private advance(force: boolean): void {
    while (this.queue.length > 0) {
      const head = this.queue[0];
      if (!force && !this.canLeaveLive()) return;
      if (!force && head.kind === 'tool' && (head.id === undefined || head.name === undefined)) return;
      this.queue.shift();
      this.live = head;
      if (head.kind === 'text') {
        this.writer.text(head.buffered);
      } else {
        this.writer.toolUse(head.id ?? `call_${head.index}`, head.name ?? '');
        this.writer.inputJson(head.buffered);
      }
      head.buffered = '';
    }
  }

  private canLeaveLive(): boolean {
    return this.live === null || this.live.kind === 'text' || isCompleteObject(this.live.args);
  }
}

function isCompleteObject(json: string): boolean {
  if (!json.trimStart().startsWith('{')) return false;
  try {
    JSON.parse(json);
    return true;
  } catch {
    return false;
  }
}
