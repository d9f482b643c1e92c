import { ConversionError } from '../../conversion/conversion.error';
import { parseToolArguments } from '../../conversion/tool-arguments';
import type {
  AnthropicContentBlock,
  AnthropicImageBlock,
  AnthropicMessageParam,
  AnthropicMessagesRequest,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
} from '../../anthropic/anthropic.types';
import { fromOpenAiToolChoice, fromOpenAiTools } from '../../providers/openai/openai-tools';
import type { OpenAiAssistantMessage, OpenAiChatRequest, OpenAiTextPart, OpenAiToolMessage, OpenAiUserPart } from '../../providers/openai/openai.types';

/** Anthropic requires max_tokens and OpenAI does not; 4096 fits every current Claude model's output limit. */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * OpenAI Chat Completions request → Anthropic Messages request, for `/v1/chat/completions`
 * served by an Anthropic upstream. System and developer messages, wherever they sit, become the
 * system prompt. Consecutive tool messages, and a user message right after them, become one user
 * turn with the tool results first, as Anthropic requires. Not mapped (no Anthropic equivalent):
 * frequency/presence penalties, seed, logit_bias, logprobs, response_format, reasoning_effort.
 */
export function fromOpenAiRequest(request: OpenAiChatRequest, options: { defaultMaxTokens?: number } = {}): AnthropicMessagesRequest {
  if (typeof request.n === 'number' && request.n > 1) {
    throw new ConversionError('UNSUPPORTED_PARAMETER', `n=${request.n} is not supported: this model returns one choice per request`);
  }
  const system: string[] = [];
  const messages: AnthropicMessageParam[] = [];
  let toolTurn: AnthropicContentBlock[] | null = null;
  for (const message of request.messages) {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(joinText(message.content));
        break;
      case 'tool':
        if (toolTurn === null) {
          toolTurn = [];
          messages.push({ role: 'user', content: toolTurn });
        }
        toolTurn.push(toolResult(message));
        break;
      case 'user':
        if (toolTurn !== null) toolTurn.push(...userBlocks(message.content));
        else messages.push({ role: 'user', content: typeof message.content === 'string' ? message.content : userBlocks(message.content) });
        toolTurn = null;
        break;
      case 'assistant': {
        toolTurn = null;
        const assistant = assistantContent(message);
        if (assistant !== null) messages.push({ role: 'assistant', content: assistant });
        break;
      }
      case 'function':
        throw new ConversionError('UNSUPPORTED_CONTENT', 'The deprecated "function" role is not supported; use tools and "tool" messages');
    }
  }
  if (messages.length === 0) throw new ConversionError('INVALID_MESSAGE', 'At least one user or assistant message is required');

  const out: AnthropicMessagesRequest = {
    model: request.model,
    messages,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS,
  };
  if (system.length > 0) out.system = system.join('\n\n');
  // OpenAI accepts temperature up to 2, Anthropic up to 1: clamped rather than rejected or rescaled.
  if (typeof request.temperature === 'number') out.temperature = Math.min(1, Math.max(0, request.temperature));
  if (typeof request.top_p === 'number') out.top_p = request.top_p;
  const stop = typeof request.stop === 'string' ? [request.stop] : (request.stop ?? []);
  if (stop.length > 0) out.stop_sequences = stop;
  if (request.stream === true) out.stream = true;
  if (request.tools !== undefined && request.tools.length > 0) {
    out.tools = fromOpenAiTools(request.tools);
    const choice = fromOpenAiToolChoice(request.tool_choice, request.parallel_tool_calls);
    if (choice !== undefined) out.tool_choice = choice;
  }
  if (typeof request.user === 'string' && request.user !== '') out.metadata = { user_id: request.user };
  return out;
}

function joinText(content: string | OpenAiTextPart[]): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('\n\n');
}

function toolResult(message: OpenAiToolMessage): AnthropicToolResultBlock {
  const content = typeof message.content === 'string' ? message.content : message.content.map((part): AnthropicTextBlock => ({ type: 'text', text: part.text }));
  return { type: 'tool_result', tool_use_id: message.tool_call_id, content };
}

function userBlocks(content: string | OpenAiUserPart[]): AnthropicContentBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part) => {
    switch (part.type) {
      case 'text':
        return { type: 'text', text: part.text };
      case 'image_url':
        return imageBlock(part.image_url.url);
      default:
        throw new ConversionError('UNSUPPORTED_CONTENT', `Content part type "${part.type}" is not supported by this model`);
    }
  });
}

const DATA_URL = /^data:([^;,]+)(?:;[^;,]+)*;base64,(.*)$/s;

function imageBlock(url: string): AnthropicImageBlock {
  const data = DATA_URL.exec(url);
  if (data) return { type: 'image', source: { type: 'base64', media_type: data[1], data: data[2] } };
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw new ConversionError('UNSUPPORTED_CONTENT', 'An image_url must be an http(s) URL or a base64 data URL');
}

/** Null for an assistant message with nothing in it: Anthropic rejects empty assistant turns. */
function assistantContent(message: OpenAiAssistantMessage): string | AnthropicContentBlock[] | null {
  const parts = message.content ?? '';
  const text = typeof parts === 'string' ? parts : parts.map((part) => (part.type === 'text' ? part.text : part.refusal)).join('');
  const calls = message.tool_calls ?? [];
  if (calls.length === 0) return text === '' ? null : text;
  const blocks: AnthropicContentBlock[] = text === '' ? [] : [{ type: 'text', text }];
  for (const call of calls) {
    blocks.push({ type: 'tool_use', id: call.id, name: call.function.name, input: parseToolArguments(call.function.arguments) });
  }
  return blocks;
}
