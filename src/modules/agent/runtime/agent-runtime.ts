import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Identity } from '../../../common/auth/identity';
import type { AnthropicContentBlock, AnthropicMessageParam, AnthropicTool, AnthropicToolResultBlock, AnthropicToolUseBlock } from '../../gateway/anthropic/anthropic.types';
import { GatewayService } from '../../gateway/gateway.service';
import { GovernanceService } from '../../governance/governance.service';
import { McpServerCatalog } from '../../governance/policy/mcp-server-catalog';
import { McpToolExecutor } from '../../mcp/mcp-tool-executor';
import type { A2AMessage } from '../a2a/a2a.types';
import { SKILL_LOOKUP, type SkillLookup } from '../agent.tokens';
import type { AgentDefinition } from '../registry/agent-definition.schema';

const TOOL_SEPARATOR = '__';

export interface TurnInput {
  agent: AgentDefinition;
  identity: Identity;
  traceId: string;
  history: A2AMessage[];
  /** Checked between steps; a cancel from any replica stops the turn. */
  isCanceled: () => Promise<boolean>;
}

export interface TurnResult {
  text: string;
  steps: number;
  canceled: boolean;
  toolCalls: { server: string; tool: string; decision: 'allow' | 'deny'; reason?: string }[];
}

/**
 * One agent turn: the model is called through the gateway's own service (routed, recorded,
 * `call_source: agent`), offered the tools of the agent's MCP servers; every tool call goes
 * through governance (a denial returns to the model as a tool error), up to `max_steps`.
 */
@Injectable()
export class AgentRuntime {
  constructor(
    private readonly gateway: GatewayService,
    private readonly governance: GovernanceService,
    private readonly catalog: McpServerCatalog,
    private readonly tools: McpToolExecutor,
    @Optional() @Inject(SKILL_LOOKUP) private readonly skills?: SkillLookup,
  ) {}

  async run(input: TurnInput): Promise<TurnResult> {
    const { agent, identity, traceId } = input;
    const messages: AnthropicMessageParam[] = toAnthropicHistory(input.history);
    const tools = await this.offeredTools(agent, identity);
    const toolCalls: TurnResult['toolCalls'] = [];
    for (let step = 1; step <= agent.max_steps; step++) {
      if (await input.isCanceled()) return { text: '', steps: step - 1, canceled: true, toolCalls };
      const reply = await this.gateway.complete(
        { identity, traceId, callSource: 'agent', agent: agent.name, startedAt: Date.now() },
        { model: agent.model, max_tokens: agent.max_tokens, system: this.systemPrompt(agent), messages, ...(tools.length ? { tools } : {}) },
      );
      messages.push({ role: 'assistant', content: reply.content as AnthropicContentBlock[] });
      const uses = reply.content.filter((b): b is AnthropicToolUseBlock => b.type === 'tool_use');
      if (reply.stop_reason !== 'tool_use' || uses.length === 0) {
        return { text: textOf(reply.content as AnthropicContentBlock[]), steps: step, canceled: false, toolCalls };
      }
      const results: AnthropicToolResultBlock[] = [];
      for (const use of uses) results.push(await this.callTool(input, use, toolCalls));
      messages.push({ role: 'user', content: results });
    }
    return { text: `Stopped after ${agent.max_steps} steps without a final answer.`, steps: agent.max_steps, canceled: false, toolCalls };
  }

  private async callTool(input: TurnInput, use: AnthropicToolUseBlock, log: TurnResult['toolCalls']): Promise<AnthropicToolResultBlock> {
    const [serverName, ...rest] = use.name.split(TOOL_SEPARATOR);
    const tool = rest.join(TOOL_SEPARATOR);
    const server = serverName && input.agent.mcp_servers.includes(serverName) ? this.catalog.get(serverName) : null;
    const outcome = await this.governance.decide({ identity: input.identity, traceId: input.traceId, toolName: tool || use.name, input: use.input, server: server?.name ?? serverName ?? null, agent: input.agent.name, callSource: 'agent' });
    if (outcome.denial || !server) {
      const reason = outcome.denial ? `${outcome.denial.stage}: ${outcome.denial.reason}` : `unknown tool ${use.name}`;
      log.push({ server: serverName ?? '', tool, decision: 'deny', reason });
      return { type: 'tool_result', tool_use_id: use.id, is_error: true, content: `Denied by governance (${reason})` };
    }
    log.push({ server: server.name, tool, decision: 'allow' });
    const result = await this.tools.execute({ identity: input.identity, traceId: input.traceId, server, tool, args: (outcome.input ?? {}) as Record<string, unknown>, agent: input.agent.name });
    const text = (result.content ?? []).map((c) => (c.type === 'text' ? c.text : JSON.stringify(c))).join('\n');
    return { type: 'tool_result', tool_use_id: use.id, is_error: result.isError === true, content: text };
  }

  private async offeredTools(agent: AgentDefinition, identity: Identity): Promise<AnthropicTool[]> {
    const offered: AnthropicTool[] = [];
    for (const name of agent.mcp_servers) {
      const server = this.catalog.get(name);
      if (!server) continue;
      const listed = await this.tools.listTools(identity, server).catch(() => []);
      for (const tool of listed) {
        offered.push({ name: `${name}${TOOL_SEPARATOR}${tool.name}`.slice(0, 64), description: tool.description ?? '', input_schema: tool.inputSchema as AnthropicTool['input_schema'] });
      }
    }
    return offered;
  }

  private systemPrompt(agent: AgentDefinition): string {
    const skills = agent.skills.map((name) => this.skills?.instructions(name)).filter((s): s is string => Boolean(s));
    return skills.length === 0 ? agent.system_prompt : `${agent.system_prompt}\n\n## Skills\n\n${skills.join('\n\n')}`;
  }
}

function toAnthropicHistory(history: A2AMessage[]): AnthropicMessageParam[] {
  const out: AnthropicMessageParam[] = [];
  for (const message of history) {
    const text = message.parts.map((p) => (p.kind === 'text' ? p.text : JSON.stringify(p.kind === 'data' ? p.data : p.file))).join('\n');
    const role = message.role === 'agent' ? 'assistant' : 'user';
    const last = out.at(-1);
    if (last && last.role === role && typeof last.content === 'string') last.content = `${last.content}\n\n${text}`;
    else out.push({ role, content: text });
  }
  return out;
}

function textOf(blocks: AnthropicContentBlock[]): string {
  return blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
}
