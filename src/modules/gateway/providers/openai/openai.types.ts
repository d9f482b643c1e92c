/** The OpenAI Chat Completions wire format (`POST /v1/chat/completions`), as far as the gateway maps it. */

export interface OpenAiTextPart {
  type: 'text';
  text: string;
}

export interface OpenAiImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

export interface OpenAiRefusalPart {
  type: 'refusal';
  refusal: string;
}

/** Parts the gateway cannot carry to Anthropic; typed so they can be rejected by name. */
export interface OpenAiUnsupportedPart {
  type: 'input_audio' | 'file';
  [key: string]: unknown;
}

export type OpenAiUserPart = OpenAiTextPart | OpenAiImagePart | OpenAiUnsupportedPart;

export interface OpenAiToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface OpenAiSystemMessage {
  role: 'system' | 'developer';
  content: string | OpenAiTextPart[];
  name?: string;
}

export interface OpenAiUserMessage {
  role: 'user';
  content: string | OpenAiUserPart[];
  name?: string;
}

export interface OpenAiAssistantMessage {
  role: 'assistant';
  content?: string | Array<OpenAiTextPart | OpenAiRefusalPart> | null;
  refusal?: string | null;
  tool_calls?: OpenAiToolCall[];
  name?: string;
}

export interface OpenAiToolMessage {
  role: 'tool';
  content: string | OpenAiTextPart[];
  tool_call_id: string;
}

/** The deprecated `function` role; typed only so it can be rejected with a clear message. */
export interface OpenAiFunctionMessage {
  role: 'function';
  name: string;
  content: string | null;
}

export type OpenAiChatMessage = OpenAiSystemMessage | OpenAiUserMessage | OpenAiAssistantMessage | OpenAiToolMessage | OpenAiFunctionMessage;

export interface OpenAiTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean | null };
}

export type OpenAiToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

export interface OpenAiChatRequest {
  model: string;
  messages: OpenAiChatMessage[];
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stop?: string | string[] | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  tools?: OpenAiTool[];
  tool_choice?: OpenAiToolChoice;
  parallel_tool_calls?: boolean;
  user?: string;
  // Accepted and not mapped (no Anthropic equivalent):
  frequency_penalty?: number | null;
  presence_penalty?: number | null;
  seed?: number | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  response_format?: { type: string; [key: string]: unknown };
  reasoning_effort?: string | null;
}

export type OpenAiFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface OpenAiUsage {
  /** All prompt tokens, cached ones included. */
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number | null; audio_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null; [key: string]: number | null | undefined } | null;
}

export interface OpenAiResponseMessage {
  role: 'assistant';
  content: string | null;
  refusal?: string | null;
  tool_calls?: OpenAiToolCall[];
  /** Deprecated single function call, still produced by some compatible servers. */
  function_call?: { name: string; arguments: string } | null;
}

export interface OpenAiChoice {
  index: number;
  message: OpenAiResponseMessage;
  finish_reason: OpenAiFinishReason | null;
  logprobs: unknown;
}

export interface OpenAiChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: OpenAiChoice[];
  usage?: OpenAiUsage | null;
  system_fingerprint?: string | null;
}

export interface OpenAiToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface OpenAiChunkDelta {
  role?: 'assistant';
  content?: string | null;
  refusal?: string | null;
  tool_calls?: OpenAiToolCallDelta[];
}

export interface OpenAiChunkChoice {
  index: number;
  delta: OpenAiChunkDelta;
  finish_reason: OpenAiFinishReason | null;
  logprobs?: unknown;
}

export interface OpenAiChatChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: OpenAiChunkChoice[];
  /** Present (null) on every chunk when `include_usage` was asked; filled on the last one only. */
  usage?: OpenAiUsage | null;
  system_fingerprint?: string | null;
}
