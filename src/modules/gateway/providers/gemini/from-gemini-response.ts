import { AnthropicMessageAccumulator } from '../../streaming/anthropic-message-accumulator';
import type { AnthropicMessage } from '../../anthropic/anthropic.types';
import type { GeminiGenerateContentResponse } from './gemini.types';
import { GeminiToAnthropicStream, type GeminiToAnthropicOptions } from './from-gemini-stream';

/**
 * Gemini generateContent response → Anthropic message. A whole response has the same shape as one
 * stream chunk, so it is read by the stream converter and folded back: one mapping, two paths.
 */
export function fromGeminiResponse(response: GeminiGenerateContentResponse, options: GeminiToAnthropicOptions): AnthropicMessage {
  const stream = new GeminiToAnthropicStream(options);
  const accumulator = new AnthropicMessageAccumulator();
  accumulator.pushAll(stream.push(response));
  accumulator.pushAll(stream.finish());
  return accumulator.message;
}
