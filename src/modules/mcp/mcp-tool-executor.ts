import { Injectable } from '@nestjs/common';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Identity } from '../../common/auth/identity';
import { DomainEventPublisher } from '../../common/events/domain-event.publisher';
import { AuditTrail } from '../governance/audit/audit-trail.service';
import type { McpServerPolicy } from '../governance/policy/mcp-server.policy';
import { ScopeStage } from '../governance/stages/scope.stage';
import { SecretScanStage } from '../governance/stages/secret-scan.stage';
import { SystempromptTools } from './builtin/systemprompt-tools';
import { McpUpstreamPool } from './upstream/mcp-upstream-pool';

export interface ToolExecution {
  identity: Identity;
  traceId: string;
  server: McpServerPolicy;
  tool: string;
  /** Arguments as governance let them through (redacted when the policy says so). */
  args: Record<string, unknown>;
  agent?: string | null;
}

/**
 * Runs an already-governed tool call on its server (upstream or built-in), redacts secrets in
 * the result before it reaches the caller (and so inference), and writes the last two audit
 * points: tool execution and result.
 */
@Injectable()
export class McpToolExecutor {
  constructor(
    readonly upstreams: McpUpstreamPool,
    private readonly builtin: SystempromptTools,
    private readonly secrets: SecretScanStage,
    private readonly scope: ScopeStage,
    private readonly audit: AuditTrail,
    private readonly events: DomainEventPublisher,
  ) {}

  /** Secrets in anything coming back from an upstream are replaced before they go further. */
  redact<T>(value: T): T {
    return this.secrets.scanner.redact(value).value as T;
  }

  /** The server's tools that this caller may call (the scope stage decides, as for calls). */
  async listTools(identity: Identity, server: McpServerPolicy): Promise<Tool[]> {
    const tools = server.upstream ? (await this.upstreams.use(server, (c) => c.listTools())).tools : this.builtin.list();
    return tools.filter((tool) => this.scope.visible({ identity, tool: tool.name, server }));
  }

  async execute(call: ToolExecution): Promise<CallToolResult> {
    const started = Date.now();
    const subject = { traceId: call.traceId, identity: call.identity, agent: call.agent, server: call.server.name, tool: call.tool };
    let result: CallToolResult;
    try {
      result = call.server.upstream
        ? ((await this.upstreams.use(call.server, (c) => c.callTool({ name: call.tool, arguments: call.args }))) as CallToolResult)
        : await this.builtin.call(call.identity, call.tool, call.args);
    } catch (err) {
      result = { isError: true, content: [{ type: 'text', text: `upstream error: ${(err as Error).message}` }] };
    }
    const latency = Date.now() - started;
    const { value, findings } = this.secrets.scanner.redact(result);
    const safe = value as CallToolResult;
    this.audit.record(subject, 'tool_execution', { arguments: call.args, latency_ms: latency, upstream: call.server.upstream ? 'remote' : 'built-in' }, 'executed');
    this.audit.record(subject, 'result', { is_error: safe.isError === true, redacted_secrets: findings.map((f) => f.kind), content_items: Array.isArray(safe.content) ? safe.content.length : 0 }, safe.isError ? 'error' : 'success');
    this.events.emit('mcp.tool.called', { trace_id: call.traceId, user_id: call.identity.userId, tenant_id: call.identity.tenantId, server: call.server.name, tool: call.tool, outcome: safe.isError ? 'error' : 'success', latency_ms: latency });
    return safe;
  }
}
