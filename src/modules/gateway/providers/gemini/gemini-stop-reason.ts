import type { AnthropicStopReason } from '../../anthropic/anthropic.types';

/** Gemini stops output for these policy reasons; to the client it is a refusal. */
const REFUSAL_REASONS: ReadonlySet<string> = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY']);

/**
 * Gemini answers STOP after a function call (it has no tool-call reason), so a function call in
 * the output makes it tool_use. A blocked prompt (promptFeedback.blockReason) is a refusal.
 * Anything else (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, …) ended the turn.
 */
export function stopReasonFromGemini(reason: string | undefined, hasFunctionCall: boolean, promptBlocked: boolean): AnthropicStopReason {
  if (promptBlocked || (reason !== undefined && REFUSAL_REASONS.has(reason))) return 'refusal';
  if (reason === 'MAX_TOKENS') return 'max_tokens';
  return hasFunctionCall ? 'tool_use' : 'end_turn';
}
