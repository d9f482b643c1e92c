import { ConversionError } from '../../conversion/conversion.error';
import { stringifyToolInput } from '../../conversion/tool-arguments';
import type {
  AnthropicContentBlock,
  AnthropicImageSource,
  AnthropicMessageParam,
  AnthropicMessagesRequest,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
} from '../../anthropic/anthropic.types';
import type { OpenAiAssistantMessage, OpenAiChatMessage, OpenAiChatRequest, OpenAiImagePart, OpenAiToolCall, OpenAiUserPart } from './openai.types';
import { toOpenAiToolChoice, toOpenAiTools } from './openai-tools';

export interface ToOpenAiRequestOptions {
  /** The upstream model name, when the router maps the client's model to another. */
  model?: string;
  /**
   * OpenAI's reasoning models (o-series, gpt-5) reject `max_tokens` and want
   * `max_completion_tokens`; most OpenAI-compatible servers know only `max_tokens`, the default.
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

/** Prefix that marks a failed tool result: OpenAI tool messages have no error flag. */
export const TOOL_ERROR_PREFIX = 'Error: ';

/**
 * Anthropic Messages request → OpenAI Chat Completions request. Dropped, having no OpenAI
 * equivalent: `top_k`, `thinking` and thinking blocks, cache_control.
 */
export function toOpenAiRequest(request: AnthropicMessagesRequest, options: ToOpenAiRequestOptions = {}): OpenAiChatRequest {
  const messages: OpenAiChatMessage[] = [];
  if (request.system !== undefined) messages.push({ role: 'system', content: systemText(request.system) });
  for (const message of request.messages) messages.push(...toOpenAiMessages(message));

  const out: OpenAiChatRequest = { model: options.model ?? request.model, messages };
  out[options.maxTokensField ?? 'max_tokens'] = request.max_tokens;
  if (request.temperature !== undefined) out.temperature = request.temperature;
  if (request.top_p !== undefined) out.top_p = request.top_p;
  if (request.stop_sequences !== undefined && request.stop_sequences.length > 0) out.stop = request.stop_sequences;
  if (request.stream === true) {
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  if (request.tools !== undefined && request.tools.length > 0) {
    out.tools = toOpenAiTools(request.tools);
    if (request.tool_choice !== undefined) Object.assign(out, toOpenAiToolChoice(request.tool_choice));
  }
  const user = request.metadata?.user_id;
  if (typeof user === 'string' && user !== '') out.user = user;
  return out;
}

/** System blocks are one prompt to Anthropic; one system message keeps compatible servers happy. */
function systemText(system: string | AnthropicTextBlock[]): string {
  return typeof system === 'string' ? system : system.map((block) => block.text).join('\n\n');
}

function toOpenAiMessages(message: AnthropicMessageParam): OpenAiChatMessage[] {
  if (typeof message.content === 'string') return [{ role: message.role, content: message.content }];
  return message.role === 'user' ? userMessages(message.content) : [assistantMessage(message.content)];
}

/**
 * A user turn becomes its tool results first (OpenAI wants each `tool` message right after the
 * assistant's tool_calls), then one user message. Tool messages cannot carry images, so images
 * inside tool results move to the front of that user message.
 */
function userMessages(blocks: AnthropicContentBlock[]): OpenAiChatMessage[] {
  const tools: OpenAiChatMessage[] = [];
  const toolImages: OpenAiUserPart[] = [];
  const parts: OpenAiUserPart[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
        parts.push({ type: 'text', text: block.text });
        break;
      case 'image':
        parts.push(imagePart(block.source));
        break;
      case 'tool_result':
        tools.push({ role: 'tool', tool_call_id: block.tool_use_id, content: toolResultText(block) });
        if (Array.isArray(block.content)) {
          for (const inner of block.content) if (inner.type === 'image') toolImages.push(imagePart(inner.source));
        }
        break;
      case 'thinking':
      case 'redacted_thinking':
        break;
      case 'tool_use':
        throw new ConversionError('INVALID_MESSAGE', 'A tool_use block can only appear in an assistant message');
      default:
        throw unsupportedBlock(block);
    }
  }
  const content = [...toolImages, ...parts];
  if (content.length === 0) return tools;
  const only = content.length === 1 ? content[0] : undefined;
  return [...tools, { role: 'user', content: only?.type === 'text' ? only.text : content }];
}

function assistantMessage(blocks: AnthropicContentBlock[]): OpenAiAssistantMessage {
  const texts: string[] = [];
  const toolCalls: OpenAiToolCall[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
        texts.push(block.text);
        break;
      case 'tool_use':
        toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: stringifyToolInput(block.input) } });
        break;
      case 'thinking':
      case 'redacted_thinking':
        break;
      case 'image':
      case 'tool_result':
        throw new ConversionError('INVALID_MESSAGE', `A ${block.type} block can only appear in a user message`);
      default:
        throw unsupportedBlock(block);
    }
  }
  // Text blocks of one assistant turn are consecutive pieces of one answer: joined without separator.
  const text = texts.join('');
  if (toolCalls.length === 0) return { role: 'assistant', content: text };
  return { role: 'assistant', content: text === '' ? null : text, tool_calls: toolCalls };
}

/** Text blocks of a tool result are joined by a blank line; an error is marked by TOOL_ERROR_PREFIX. */
function toolResultText(block: AnthropicToolResultBlock): string {
  const content = block.content ?? '';
  const text = typeof content === 'string' ? content : content.flatMap((inner) => (inner.type === 'text' ? [inner.text] : [])).join('\n\n');
  return block.is_error === true ? `${TOOL_ERROR_PREFIX}${text}` : text;
}

function imagePart(source: AnthropicImageSource): OpenAiImagePart {
  const url = source.type === 'base64' ? `data:${source.media_type};base64,${source.data}` : source.url;
  return { type: 'image_url', image_url: { url } };
}

function unsupportedBlock(block: never): ConversionError {
  const type = (block as { type?: unknown }).type;
  return new ConversionError('UNSUPPORTED_CONTENT', `Content block type "${String(type)}" cannot be sent to an OpenAI model`);
}
