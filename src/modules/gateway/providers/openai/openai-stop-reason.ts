import type { AnthropicStopReason } from '../../anthropic/anthropic.types';
import type { OpenAiFinishReason } from './openai.types';

/**
 * OpenAI finish_reason → Anthropic stop_reason. OpenAI reports a matched stop sequence as plain
 * `stop` without saying which, so it becomes `end_turn`, never `stop_sequence`. Some compatible
 * servers answer `stop` after emitting tool calls; that is `tool_use`, or the client would not run
 * them. A missing reason (cut stream) stays `end_turn` so half-written tool calls are not run.
 */
export function stopReasonFromOpenAi(reason: string | null | undefined, hasToolCalls: boolean): AnthropicStopReason {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    case 'stop':
      return hasToolCalls ? 'tool_use' : 'end_turn';
    default:
      return 'end_turn';
  }
}

/** `pause_turn` (a paused server-tool turn) has no OpenAI equivalent; the turn did end, so `stop`. */
const FINISH_REASON = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
} as const satisfies Record<AnthropicStopReason, OpenAiFinishReason>;

export function finishReasonFromAnthropic(reason: AnthropicStopReason | null): OpenAiFinishReason {
  return reason === null ? 'stop' : FINISH_REASON[reason];
}
