import type { Identity } from '../../common/auth/identity';
import type { AnthropicMessagesRequest } from './anthropic/anthropic.types';

/**
 * Judges the text of a prompt before it is forwarded (the governance module provides it:
 * secret scan and blocklist). Throws to refuse; the gateway never forwards a refused prompt.
 */
export interface PromptInspector {
  inspect(request: AnthropicMessagesRequest, identity: Identity, traceId: string): Promise<AnthropicMessagesRequest | null>;
}

export const PROMPT_INSPECTOR = Symbol('PROMPT_INSPECTOR');
