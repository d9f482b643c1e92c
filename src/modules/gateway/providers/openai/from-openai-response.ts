import { parseToolArguments } from '../../conversion/tool-arguments';
import type { AnthropicMessage, AnthropicResponseBlock, AnthropicToolUseBlock } from '../../anthropic/anthropic.types';
import type { OpenAiChatCompletion } from './openai.types';
import { stopReasonFromOpenAi } from './openai-stop-reason';
import { usageFromOpenAi } from './openai-usage';

/**
 * OpenAI chat.completion → Anthropic message. Ids are kept as the upstream sent them (message and
 * tool call ids), so a tool_result the client sends back names the id the upstream knows. Never
 * throws: malformed tool arguments are kept raw (see `parseToolArguments`).
 */
export function fromOpenAiResponse(response: OpenAiChatCompletion, options: { model?: string } = {}): AnthropicMessage {
  const choice = response.choices.find((c) => c.index === 0) ?? response.choices[0];
  const message = choice?.message;
  const toolUses: AnthropicToolUseBlock[] = (message?.tool_calls ?? []).map((call) => ({
    type: 'tool_use',
    id: call.id,
    name: call.function.name,
    input: parseToolArguments(call.function.arguments),
  }));
  if (message?.function_call) {
    const call = message.function_call;
    toolUses.push({ type: 'tool_use', id: `${response.id}_function_call`, name: call.name, input: parseToolArguments(call.arguments) });
  }
  // A refusal is the model's answer to the user, so it is shown as text with stop_reason refusal.
  const refusal = message?.refusal ?? '';
  const text = `${message?.content ?? ''}${refusal}`;
  const content: AnthropicResponseBlock[] = text !== '' || toolUses.length === 0 ? [{ type: 'text', text }, ...toolUses] : toolUses;
  return {
    id: response.id,
    type: 'message',
    role: 'assistant',
    model: options.model ?? response.model,
    content,
    stop_reason: refusal !== '' ? 'refusal' : stopReasonFromOpenAi(choice?.finish_reason, toolUses.length > 0),
    stop_sequence: null,
    usage: usageFromOpenAi(response.usage),
  };
}
