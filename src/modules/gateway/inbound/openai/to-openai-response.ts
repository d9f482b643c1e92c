import { stringifyToolInput } from '../../conversion/tool-arguments';
import type { AnthropicMessage } from '../../anthropic/anthropic.types';
import { finishReasonFromAnthropic } from '../../providers/openai/openai-stop-reason';
import { usageToOpenAi } from '../../providers/openai/openai-usage';
import type { OpenAiChatCompletion, OpenAiToolCall } from '../../providers/openai/openai.types';

/**
 * Anthropic message → OpenAI chat.completion. Text blocks are concatenated without separator (they
 * are pieces of one answer, split e.g. by citations); thinking blocks are dropped, Chat
 * Completions having no standard field for them. `created` comes from the caller's clock.
 */
export function toOpenAiResponse(message: AnthropicMessage, options: { created: number; model?: string }): OpenAiChatCompletion {
  const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  const toolCalls: OpenAiToolCall[] = message.content.flatMap((block) =>
    block.type === 'tool_use' ? [{ id: block.id, type: 'function' as const, function: { name: block.name, arguments: stringifyToolInput(block.input) } }] : [],
  );
  return {
    id: message.id,
    object: 'chat.completion',
    created: options.created,
    model: options.model ?? message.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: finishReasonFromAnthropic(message.stop_reason),
        logprobs: null,
      },
    ],
    usage: usageToOpenAi(message.usage),
  };
}
