import { randomBytes } from 'node:crypto';
import { AnthropicEventWriter } from '../../streaming/anthropic-event-writer';
import type { AnthropicStreamEvent, AnthropicUsage } from '../../anthropic/anthropic.types';
import type { GeminiGenerateContentResponse, GeminiPart } from './gemini.types';
import { stopReasonFromGemini } from './gemini-stop-reason';
import { signatureForAnthropic } from './gemini-thought-signature';
import { usageFromGemini } from './gemini-usage';

export interface GeminiToAnthropicOptions {
  model: string;
  messageId?: string;
  /** Gemini gives function calls no id; Anthropic needs one per tool_use. Injectable for tests. */
  toolUseId?: () => string;
}

export function randomToolUseId(): string {
  return `toolu_${randomBytes(12).toString('hex')}`;
}

/**
 * Gemini `streamGenerateContent?alt=sse` chunks → Anthropic stream events. Each chunk is a whole
 * GenerateContentResponse whose parts are increments. A functionCall part arrives whole, so it
 * becomes one tool_use block with one input_json_delta carrying all of its JSON. A thought
 * signature on a functionCall or thought part travels as a signed thinking block (see
 * gemini-thought-signature.ts); on plain text Gemini does not require it back, so it is dropped.
 * Parts of other kinds (code execution, generated media) are not represented.
 */
export class GeminiToAnthropicStream {
  private readonly writer = new AnthropicEventWriter();
  private readonly newToolUseId: () => string;
  private usageValue: AnthropicUsage = usageFromGemini(undefined);
  private finishReason: string | undefined;
  private hasFunctionCall = false;
  private promptBlocked = false;

  constructor(private readonly options: GeminiToAnthropicOptions) {
    this.newToolUseId = options.toolUseId ?? randomToolUseId;
  }

  get usage(): AnthropicUsage {
    return { ...this.usageValue };
  }

  push(chunk: GeminiGenerateContentResponse): AnthropicStreamEvent[] {
    if (this.writer.hasEnded) return [];
    // usageMetadata is cumulative: the latest chunk's counts replace earlier ones.
    if (chunk.usageMetadata) this.usageValue = usageFromGemini(chunk.usageMetadata);
    this.start(chunk.responseId);
    if (chunk.promptFeedback?.blockReason) this.promptBlocked = true;
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) this.onPart(part);
    if (candidate?.finishReason) this.finishReason = candidate.finishReason;
    return this.writer.take();
  }

  /** Closes the open block and ends the message; idempotent. */
  finish(): AnthropicStreamEvent[] {
    if (this.writer.hasEnded) return [];
    this.start(undefined);
    this.writer.end(stopReasonFromGemini(this.finishReason, this.hasFunctionCall, this.promptBlocked), this.usageValue);
    return this.writer.take();
  }

  private start(responseId: string | undefined): void {
    if (this.writer.hasStarted) return;
    const id = this.options.messageId ?? (responseId !== undefined ? `msg_${responseId}` : `msg_${randomBytes(12).toString('hex')}`);
    this.writer.start({ id, model: this.options.model, usage: { ...this.usageValue, output_tokens: 0 } });
  }

  private onPart(part: GeminiPart): void {
    if (part.functionCall) {
      this.hasFunctionCall = true;
      if (part.thoughtSignature) this.writer.signature(signatureForAnthropic(part.thoughtSignature));
      this.writer.toolUse(this.newToolUseId(), part.functionCall.name);
      this.writer.inputJson(JSON.stringify(part.functionCall.args ?? {}));
      this.writer.closeBlock();
    } else if (typeof part.text === 'string' && part.thought === true) {
      this.writer.thinking(part.text);
      if (part.thoughtSignature) this.writer.signature(signatureForAnthropic(part.thoughtSignature));
    } else if (typeof part.text === 'string') {
      this.writer.text(part.text);
    }
  }
}
