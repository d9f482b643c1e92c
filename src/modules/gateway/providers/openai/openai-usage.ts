import type { AnthropicUsage } from '../../anthropic/anthropic.types';
import type { OpenAiUsage } from './openai.types';

/**
 * OpenAI's prompt_tokens include cached tokens; Anthropic's input_tokens exclude cache reads and
 * count them in cache_read_input_tokens. So input = prompt − cached. OpenAI caches automatically
 * and reports no cache writes, hence cache_creation 0.
 */
export function usageFromOpenAi(usage: OpenAiUsage | null | undefined): AnthropicUsage {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: 0,
  };
}

/** The inverse view: every kind of Anthropic input token is a prompt token; reads are `cached_tokens`. */
export function usageToOpenAi(usage: AnthropicUsage): OpenAiUsage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const prompt = usage.input_tokens + cacheRead + (usage.cache_creation_input_tokens ?? 0);
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.output_tokens,
    total_tokens: prompt + usage.output_tokens,
    prompt_tokens_details: { cached_tokens: cacheRead },
  };
}
