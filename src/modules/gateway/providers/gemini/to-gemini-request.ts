import { ConversionError } from '../../conversion/conversion.error';
import { isJsonObject } from '../../conversion/tool-arguments';
import type {
  AnthropicContentBlock,
  AnthropicImageSource,
  AnthropicMessagesRequest,
  AnthropicTool,
  AnthropicToolChoice,
  AnthropicToolResultBlock,
} from '../../anthropic/anthropic.types';
import type { GeminiContent, GeminiGenerateContentRequest, GeminiGenerationConfig, GeminiPart, GeminiTool, GeminiToolConfig } from './gemini.types';
import { toGeminiSchema } from './gemini-schema';
import { signatureForGemini } from './gemini-thought-signature';

/**
 * Anthropic Messages request → Gemini `generateContent` body (the model goes in the URL).
 * Consecutive turns of one role are merged: Gemini wants them to alternate. Dropped, having no
 * Gemini equivalent: metadata.user_id, disable_parallel_tool_use, cache_control, thinking text.
 */
export function toGeminiRequest(request: AnthropicMessagesRequest): GeminiGenerateContentRequest {
  const toolNames = new Map<string, string>();
  const contents: GeminiContent[] = [];
  for (const message of request.messages) {
    const role = message.role === 'assistant' ? 'model' : 'user';
    const parts = typeof message.content === 'string' ? textParts(message.content) : blockParts(message.content, toolNames);
    if (parts.length === 0) continue;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  }
  const out: GeminiGenerateContentRequest = { contents, generationConfig: generationConfig(request) };
  const system = (typeof request.system === 'string' ? [request.system] : (request.system ?? []).map((block) => block.text)).filter((text) => text !== '');
  if (system.length > 0) out.systemInstruction = { parts: system.map((text) => ({ text })) };
  if (request.tools !== undefined && request.tools.length > 0) {
    out.tools = [geminiTool(request.tools)];
    if (request.tool_choice !== undefined) out.toolConfig = toolConfig(request.tool_choice);
  }
  return out;
}

/** Gemini rejects empty text parts. */
function textParts(text: string): GeminiPart[] {
  return text === '' ? [] : [{ text }];
}

/**
 * Function responses go first in a user turn (they answer the previous model turn). A Gemini
 * thought signature carried by a thinking block is put back on the part that follows it.
 */
function blockParts(blocks: AnthropicContentBlock[], toolNames: Map<string, string>): GeminiPart[] {
  const responses: GeminiPart[] = [];
  const parts: GeminiPart[] = [];
  let signature: string | undefined;
  const push = (part: GeminiPart): void => {
    if (signature !== undefined) part.thoughtSignature = signature;
    signature = undefined;
    parts.push(part);
  };
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
        if (block.text !== '') push({ text: block.text });
        break;
      case 'image':
        push(imagePart(block.source));
        break;
      case 'tool_use':
        toolNames.set(block.id, block.name);
        push({ functionCall: { name: block.name, args: block.input } });
        break;
      case 'tool_result':
        responses.push(...functionResponse(block, toolNames));
        break;
      case 'thinking':
        signature = signatureForGemini(block.signature) ?? signature;
        break;
      case 'redacted_thinking':
        break;
      default: {
        const type = (block as { type?: unknown }).type;
        throw new ConversionError('UNSUPPORTED_CONTENT', `Content block type "${String(type)}" cannot be sent to a Gemini model`);
      }
    }
  }
  return [...responses, ...parts];
}

/** Gemini matches a function response to its call by name, which Anthropic only has on the tool_use. */
function functionResponse(block: AnthropicToolResultBlock, toolNames: Map<string, string>): GeminiPart[] {
  const name = toolNames.get(block.tool_use_id);
  if (name === undefined) {
    throw new ConversionError('UNKNOWN_TOOL_USE_ID', `tool_result ${block.tool_use_id} answers no earlier tool_use in the conversation`);
  }
  const content = block.content ?? '';
  const blocks = typeof content === 'string' ? [{ type: 'text' as const, text: content }] : content;
  const text = blocks.flatMap((inner) => (inner.type === 'text' ? [inner.text] : [])).join('\n\n');
  // Older Gemini models take no images inside a function response: they follow it as parts.
  const images = blocks.flatMap((inner) => (inner.type === 'image' ? [imagePart(inner.source)] : []));
  return [{ functionResponse: { name, response: block.is_error === true ? { error: text } : { content: text } } }, ...images];
}

const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic', heif: 'image/heif' };

/** Gemini needs a MIME type for a URL; it is taken from the extension, and an unknown one is refused. */
function imagePart(source: AnthropicImageSource): GeminiPart {
  if (source.type === 'base64') return { inlineData: { mimeType: source.media_type, data: source.data } };
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(source.url)?.[1]?.toLowerCase();
  const mimeType = extension === undefined ? undefined : IMAGE_TYPES[extension];
  if (mimeType === undefined) throw new ConversionError('UNSUPPORTED_CONTENT', `Cannot tell the image type of ${source.url}; send it as base64`);
  return { fileData: { mimeType, fileUri: source.url } };
}

/** Gemini rejects an OBJECT schema with empty `properties`: a parameterless tool declares none. */
function geminiTool(tools: AnthropicTool[]): GeminiTool {
  return {
    functionDeclarations: tools.map((tool) => {
      if ((tool.type !== undefined && tool.type !== 'custom') || !isJsonObject(tool.input_schema)) {
        throw new ConversionError('UNSUPPORTED_TOOL', `Tool "${tool.name}" (type ${tool.type ?? 'unknown'}) is an Anthropic server tool and cannot be sent to a Gemini model`);
      }
      const parameters = toGeminiSchema(tool.input_schema);
      const properties = parameters.properties;
      const empty = !isJsonObject(properties) || Object.keys(properties).length === 0;
      return {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        ...(empty ? {} : { parameters }),
      };
    }),
  };
}

function toolConfig(choice: AnthropicToolChoice): GeminiToolConfig {
  switch (choice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'any':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'tool':
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
  }
}

/** `thinking.budget_tokens` maps to a thinking budget, with thoughts returned so they can be shown. */
function generationConfig(request: AnthropicMessagesRequest): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = { maxOutputTokens: request.max_tokens };
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.top_p !== undefined) config.topP = request.top_p;
  if (request.top_k !== undefined) config.topK = request.top_k;
  if (request.stop_sequences !== undefined && request.stop_sequences.length > 0) config.stopSequences = request.stop_sequences;
  if (request.thinking?.type === 'enabled') config.thinkingConfig = { thinkingBudget: request.thinking.budget_tokens, includeThoughts: true };
  return config;
}
