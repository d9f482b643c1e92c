import type { AnthropicUsage } from '../../anthropic/anthropic.types';
import type { GeminiUsageMetadata } from './gemini.types';

/**
 * promptTokenCount includes cached tokens, which Anthropic counts apart: input = prompt − cached
 * (+ tool-use prompt tokens, billed as input). Thinking tokens are billed as output, as Anthropic
 * bills them. Gemini reports no cache writes.
 */
export function usageFromGemini(usage: GeminiUsageMetadata | undefined): AnthropicUsage {
  const cached = usage?.cachedContentTokenCount ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.promptTokenCount ?? 0) - cached) + (usage?.toolUsePromptTokenCount ?? 0),
    output_tokens: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0),
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: 0,
  };
}
