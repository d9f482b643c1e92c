import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../bootstrap/bootstrap.tokens';
import type { Identity } from '../../common/auth/identity';
import type { ShapedError } from '../../common/errors/http-error.filter';
import { anthropicErrorBody } from '../../common/errors/anthropic-error-type';
import type { AnthropicMessageParam, AnthropicMessagesRequest } from '../gateway/anthropic/anthropic.types';
import type { PromptInspector } from '../gateway/prompt-inspector';
import { GovernancePipeline } from './governance-pipeline.service';
import { BlocklistStage } from './stages/blocklist.stage';
import { SecretScanStage } from './stages/secret-scan.stage';

export const PROMPT_TOOL = 'llm.prompt';

/**
 * Gateway prompts go through the same secret scan and blocklist as tool calls, before they are
 * forwarded. Only the newest user turn is judged (earlier turns were judged when they were new),
 * so a long conversation costs the same as a short one. `redact` rewrites that turn.
 */
@Injectable()
export class GovernancePromptInspector implements PromptInspector {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pipeline: GovernancePipeline,
    private readonly secretScan: SecretScanStage,
    private readonly blocklist: BlocklistStage,
  ) {}

  async inspect(request: AnthropicMessagesRequest, identity: Identity, traceId: string): Promise<AnthropicMessagesRequest | null> {
    const index = lastUserIndex(request.messages);
    if (index === -1) return null;
    const turn = request.messages[index]!;
    const context = { identity, traceId, tool: PROMPT_TOOL, server: null, input: turn.content };
    let rewritten: AnthropicMessagesRequest | null = null;
    for (const stage of this.config.governance.order) {
      if (stage !== 'secret_scan' && stage !== 'blocklist') continue;
      const verdict = await this.pipeline.runStage(stage === 'secret_scan' ? this.secretScan : this.blocklist, context, { recordAllow: false });
      if (verdict.denial) {
        this.pipeline.finish(context, verdict.denial, context.input);
        const message = `governance: ${verdict.denial.stage} denied the prompt (${verdict.denial.code}): ${verdict.denial.reason}; trace ${traceId}`;
        const refusal: ShapedError = { status: 403, body: anthropicErrorBody(403, message, 'permission_error') };
        throw refusal;
      }
      if (verdict.input !== undefined) {
        context.input = verdict.input as AnthropicMessageParam['content'];
        const messages = [...request.messages];
        messages[index] = { ...turn, content: context.input as AnthropicMessageParam['content'] };
        rewritten = { ...request, messages };
      }
    }
    return rewritten;
  }
}

function lastUserIndex(messages: AnthropicMessageParam[] | undefined): number {
  if (!Array.isArray(messages)) return -1;
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === 'user') return i;
  return -1;
}
